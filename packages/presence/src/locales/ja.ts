import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `プレゼンス: ${p}`,
  changing: (p: string) => `プレゼンス: ${p} に変更しています`,
  menuLabel: 'プレゼンスの設定',
  unknown: '不明',
  loading: '読み込んでいます…',
  readError: 'Dynamics 365 からプレゼンスを読み取れませんでした。',
  writeError: (p: string) => `プレゼンスを ${p} に変更できませんでした。`,
  changed: (p: string) => `プレゼンスを ${p} に設定しました`,
  changedInDynamics: (p: string) => `Dynamics 365 でプレゼンスが ${p} に変更されました`,
  changedLocally: (p: string) => `プレゼンスをこのウィジェットでのみ ${p} に設定しました (Dynamics 365 には反映されません)`,
  localOnly: 'ローカルのみ: この Dynamics 365 ではチャネル プロバイダーがプレゼンスを読み取りまたは設定できないため、ここでの変更は Dynamics 365 に表示されません。',
  unavailable: 'Dynamics 365 でプレゼンスを読み込めませんでした (「不明」)。管理者の方へ: 通常、オムニチャネル エージェント ロールがない、エージェント プロファイルで容量または既定のプレゼンスが設定されていない、またはエージェント プロファイルでチャネルが有効になっていないことが原因です。',
};
export default strings;
