import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `在线状态：${p}`,
  changing: (p: string) => `在线状态：正在更改为 ${p}`,
  menuLabel: '设置在线状态',
  unknown: '未知',
  loading: '正在加载…',
  readError: '无法从 Dynamics 365 读取你的在线状态。',
  writeError: (p: string) => `无法将你的在线状态更改为 ${p}。`,
  changed: (p: string) => `在线状态已设置为 ${p}`,
  changedInDynamics: (p: string) => `在线状态已在 Dynamics 365 中更改为 ${p}`,
  changedLocally: (p: string) => `在线状态仅在此小组件中设置为 ${p}，未在 Dynamics 365 中设置`,
  localOnly: '仅限本地：此 Dynamics 365 不允许渠道提供商读取或设置在线状态，因此此处的更改不会显示在 Dynamics 365 中。',
  unavailable: 'Dynamics 365 无法加载你的在线状态（“未知”）。致管理员：这通常是因为缺少全渠道代理角色、代理配置文件中未设置容量或默认在线状态，或代理配置文件中未激活渠道。',
};
export default strings;
