import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: '电话已关闭',
  connecting: '电话正在连接…',
  registering: '电话正在注册…',
  registered: (user) => `电话已就绪 (${user})`,
  registeredElsewhere: (user) => `电话已就绪 (${user})，在另一个标签页中`,
  reconnecting: '连接已断开：正在重新连接…',
  failed: (reason) => `电话未注册：${reason}`,
  reason: sipReasons({
    'invalid-argument': '服务器或地址无效',
    transport: '无法连接到电话系统',
    'registration-refused': '电话系统拒绝了注册',
    'auth-failed': '用户名或密码错误',
    timeout: '电话系统无响应',
    busy: '对方忙',
    declined: '呼叫被拒绝',
    'not-found': '找不到号码',
    unavailable: '无法接通对方',
    microphone: '无法访问麦克风',
    'ice-failed': '音频连接失败',
    'call-failed': '呼叫失败',
  }),
  unknownError: '未知错误',
  retry: '重试',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: '音频',
  microphone: '麦克风',
  speaker: '扬声器',
  systemDefault: '系统默认',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? '麦克风' : '扬声器'} ${f}`,
  allow: '允许使用麦克风',
  level: '麦克风音量',
  checkMicrophone: '检查麦克风',
  stopCheck: '停止检查',
  testSpeaker: '播放测试音',
  testing: '正在播放测试音…',
  denied: '此网站已阻止使用麦克风。请在浏览器的网站设置中允许，然后重试。',
  noMicrophone: '未找到麦克风。',
  speakerFixed: '此浏览器通过系统扬声器播放通话。',
};
