import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `Presença: ${p}`,
  changing: (p: string) => `Presença: alterando para ${p}`,
  menuLabel: 'Definir presença',
  unknown: 'Desconhecido',
  loading: 'Carregando…',
  readError: 'Não foi possível ler sua presença no Dynamics 365.',
  writeError: (p: string) => `Não foi possível alterar sua presença para ${p}.`,
  changed: (p: string) => `Presença definida como ${p}`,
  changedInDynamics: (p: string) => `Presença alterada no Dynamics 365 para ${p}`,
  changedLocally: (p: string) => `Presença definida como ${p} somente neste widget, não no Dynamics 365`,
  localOnly: 'Somente local: este Dynamics 365 não permite que provedores de canal leiam ou definam a presença, por isso as alterações feitas aqui não aparecem no Dynamics 365.',
  unavailable: 'O Dynamics 365 não conseguiu carregar sua presença ("Desconhecido"). Para o administrador: normalmente falta a função de agente do Omnicanal, a capacidade ou uma presença padrão não está definida no perfil do agente, ou os canais não estão ativados no perfil do agente.',
};
export default strings;
