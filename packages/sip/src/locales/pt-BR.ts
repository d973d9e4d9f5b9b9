import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: 'Telefone desligado',
  connecting: 'Conectando o telefone…',
  registering: 'Registrando o telefone…',
  registered: (user) => `Telefone pronto (${user})`,
  registeredElsewhere: (user) => `Telefone pronto (${user}), em outra guia`,
  reconnecting: 'Conexão perdida: reconectando…',
  failed: (reason) => `Telefone não registrado: ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'servidor ou endereço inválido',
    transport: 'PABX inacessível',
    'registration-refused': 'recusado pelo PABX',
    'auth-failed': 'usuário ou senha incorretos',
    timeout: 'o PABX não respondeu',
    busy: 'Linha ocupada',
    declined: 'Chamada recusada',
    'not-found': 'Número não encontrado',
    unavailable: 'Destino indisponível',
    microphone: 'sem acesso ao microfone',
    'ice-failed': 'falha na conexão de áudio',
    'call-failed': 'falha na chamada',
  }),
  unknownError: 'erro desconhecido',
  retry: 'Tentar novamente',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'Áudio',
  microphone: 'Microfone',
  speaker: 'Alto-falante',
  systemDefault: 'Padrão do sistema',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'Microfone' : 'Alto-falante'} ${f}`,
  allow: 'Permitir o microfone',
  level: 'Nível do microfone',
  checkMicrophone: 'Testar microfone',
  stopCheck: 'Parar teste',
  testSpeaker: 'Tocar som de teste',
  testing: 'Tocando som de teste…',
  denied: 'O microfone está bloqueado para este site. Permita-o nas configurações do site do navegador e tente novamente.',
  noMicrophone: 'Nenhum microfone encontrado.',
  speakerFixed: 'Este navegador reproduz as chamadas no alto-falante do sistema.',
};
