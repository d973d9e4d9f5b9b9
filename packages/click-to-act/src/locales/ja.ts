import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'クリックしてダイヤル',
  description: '組織全体の設定: オンまたはオフにすると、組織内のすべてのエージェントに適用されます。',
  loading: '設定を読み取っています…',
  writing: '保存しています…',
  notConnected: 'Dynamics 365 に接続されていません。',
  readError: '現在の設定を読み取れませんでした。',
  writeError: '変更は保存されませんでした。',
  retry: '再試行',
  lastHeading: 'Dynamics 365 で最後にクリックした項目',
  lastValue: '値',
  lastField: 'フィールド',
  lastEntity: 'レコードの種類',
  lastEmpty: 'Dynamics 365 で電話番号をクリックすると、ここで使用できます。',
  announceClick: (item: ClickToActPayload) => `Dynamics 365 でクリックされました: ${item.value}`,
};
export default strings;
