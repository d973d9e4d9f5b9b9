import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: '会话',
  loading: '正在加载会话…',
  empty: '没有会话。你开始的会话将显示在此处。',
  notConnected: '未连接到 Dynamics 365。',
  unsupported: '会话需要多会话应用 (CIF 2.0)。此应用使用 CIF 1.0，不支持会话。',
  loadError: '无法加载会话。',
  focusError: '无法切换到该会话。',
  retry: '重试',
  untitled: '无标题会话',
  channels: {
    voice: '语音',
    phone: '电话',
    chat: '聊天',
    sms: '短信',
    email: '电子邮件',
    video: '视频',
  },
  formatAge: (ms: number) => formatSessionAgeIn('zh-Hans', ms),
  separator: '，',
  ageLabel: (_age: string, relative: string) => `${relative}开始`,
  unreadLabel: (count: number) => `${count} 条未读`,
  created: (title: string) => `新会话：${title}`,
  closed: (title: string) => `会话已关闭：${title}`,
};
export default strings;
