import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: 'Teléfono apagado',
  connecting: 'Conectando el teléfono…',
  registering: 'Registrando el teléfono…',
  registered: (user) => `Teléfono listo (${user})`,
  registeredElsewhere: (user) => `Teléfono listo (${user}), en otra pestaña`,
  reconnecting: 'Conexión perdida: reconectando…',
  failed: (reason) => `Teléfono no registrado: ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'servidor o dirección no válidos',
    transport: 'no se puede conectar con la centralita',
    'registration-refused': 'rechazado por la centralita',
    'auth-failed': 'usuario o contraseña incorrectos',
    timeout: 'la centralita no responde',
    busy: 'Línea ocupada',
    declined: 'Llamada rechazada',
    'not-found': 'Número no encontrado',
    unavailable: 'Destino no disponible',
    microphone: 'sin acceso al micrófono',
    'ice-failed': 'error en la conexión de audio',
    'call-failed': 'error en la llamada',
  }),
  unknownError: 'error desconocido',
  retry: 'Reintentar',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'Audio',
  microphone: 'Micrófono',
  speaker: 'Altavoz',
  systemDefault: 'Predeterminado del sistema',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'Micrófono' : 'Altavoz'} ${f}`,
  allow: 'Permitir el micrófono',
  level: 'Nivel del micrófono',
  checkMicrophone: 'Probar micrófono',
  stopCheck: 'Detener prueba',
  testSpeaker: 'Reproducir tono de prueba',
  testing: 'Reproduciendo tono de prueba…',
  denied: 'El micrófono está bloqueado para este sitio. Permítalo en la configuración del sitio del explorador y vuelva a intentarlo.',
  noMicrophone: 'No se encontró ningún micrófono.',
  speakerFixed: 'Este explorador reproduce las llamadas en el altavoz del sistema.',
};
