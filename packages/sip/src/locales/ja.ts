import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: '電話オフ',
  connecting: '電話を接続しています…',
  registering: '電話を登録しています…',
  registered: (user) => `電話の準備ができました (${user})`,
  registeredElsewhere: (user) => `電話の準備ができました (${user})、別のタブ`,
  reconnecting: '接続が切れました。再接続しています…',
  failed: (reason) => `電話が登録されていません: ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'サーバーまたはアドレスが無効です',
    transport: '電話システムに接続できません',
    'registration-refused': '電話システムに拒否されました',
    'auth-failed': 'ユーザー名またはパスワードが正しくありません',
    timeout: '電話システムから応答がありません',
    busy: '話し中です',
    declined: '通話が拒否されました',
    'not-found': '番号が見つかりません',
    unavailable: '相手に接続できません',
    microphone: 'マイクにアクセスできません',
    'ice-failed': '音声接続に失敗しました',
    'call-failed': '通話に失敗しました',
  }),
  unknownError: '不明なエラー',
  retry: '再試行',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'オーディオ',
  microphone: 'マイク',
  speaker: 'スピーカー',
  systemDefault: 'システムの既定',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'マイク' : 'スピーカー'} ${f}`,
  allow: 'マイクを許可',
  level: 'マイクのレベル',
  checkMicrophone: 'マイクを確認',
  stopCheck: '確認を停止',
  testSpeaker: 'テスト音を再生',
  testing: 'テスト音を再生しています…',
  denied: 'このサイトではマイクがブロックされています。ブラウザーのサイト設定で許可してから、もう一度お試しください。',
  noMicrophone: 'マイクが見つかりません。',
  speakerFixed: 'このブラウザーでは通話はシステムのスピーカーで再生されます。',
};
