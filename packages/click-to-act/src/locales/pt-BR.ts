import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'Clicar para discar',
  description: 'Configuração de toda a organização: ativá-la ou desativá-la altera a configuração para todos os agentes da sua organização.',
  loading: 'Lendo a configuração…',
  writing: 'Salvando…',
  notConnected: 'Não conectado ao Dynamics 365.',
  readError: 'Não foi possível ler a configuração atual.',
  writeError: 'A alteração não foi salva.',
  retry: 'Tentar novamente',
  lastHeading: 'Último clique no Dynamics 365',
  lastValue: 'Valor',
  lastField: 'Campo',
  lastEntity: 'Tipo de registro',
  lastEmpty: 'Clique em um número de telefone no Dynamics 365 para usá-lo aqui.',
  announceClick: (item: ClickToActPayload) => `Clique no Dynamics 365: ${item.value}`,
};
export default strings;
