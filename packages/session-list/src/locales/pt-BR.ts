import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'Sessões',
  loading: 'Carregando sessões…',
  empty: 'Nenhuma sessão. As sessões que você iniciar aparecem aqui.',
  notConnected: 'Não conectado ao Dynamics 365.',
  unsupported: 'As sessões exigem um aplicativo multissessão (CIF 2.0). Este aplicativo usa o CIF 1.0, que não tem sessões.',
  loadError: 'Não foi possível carregar as sessões.',
  focusError: 'Não foi possível alternar para a sessão.',
  retry: 'Tentar novamente',
  untitled: 'Sessão sem título',
  channels: {
    voice: 'Voz',
    phone: 'Telefone',
    chat: 'Chat',
    sms: 'SMS',
    email: 'Email',
    video: 'Vídeo',
  },
  formatAge: (ms: number) => formatSessionAgeIn('pt-BR', ms),
  separator: ', ',
  ageLabel: (_age: string, relative: string) => `iniciada ${relative}`,
  unreadLabel: (count: number) => (count === 1 ? '1 não lida' : `${count} não lidas`),
  created: (title: string) => `Nova sessão: ${title}`,
  closed: (title: string) => `Sessão fechada: ${title}`,
};
export default strings;
