import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'セッション',
  loading: 'セッションを読み込んでいます…',
  empty: 'セッションはありません。開始したセッションがここに表示されます。',
  notConnected: 'Dynamics 365 に接続されていません。',
  unsupported: 'セッションにはマルチセッション アプリ (CIF 2.0) が必要です。このアプリは CIF 1.0 を使用しているため、セッションはありません。',
  loadError: 'セッションを読み込めませんでした。',
  focusError: 'セッションに切り替えられませんでした。',
  retry: '再試行',
  untitled: '無題のセッション',
  channels: {
    voice: '音声',
    phone: '電話',
    chat: 'チャット',
    sms: 'SMS',
    email: 'メール',
    video: 'ビデオ',
  },
  formatAge: (ms: number) => formatSessionAgeIn('ja', ms),
  separator: '、',
  ageLabel: (_age: string, relative: string) => `${relative}に開始`,
  unreadLabel: (count: number) => `未読 ${count} 件`,
  created: (title: string) => `新しいセッション: ${title}`,
  closed: (title: string) => `セッションが終了しました: ${title}`,
};
export default strings;
