import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: '单击拨号',
  description: '组织范围的设置：打开或关闭此设置会更改组织中所有代理的设置。',
  loading: '正在读取设置…',
  writing: '正在保存…',
  notConnected: '未连接到 Dynamics 365。',
  readError: '无法读取当前设置。',
  writeError: '未保存更改。',
  retry: '重试',
  lastHeading: '在 Dynamics 365 中最后单击的项',
  lastValue: '值',
  lastField: '字段',
  lastEntity: '记录类型',
  lastEmpty: '在 Dynamics 365 中单击电话号码即可在此处使用。',
  announceClick: (item: ClickToActPayload) => `已在 Dynamics 365 中单击：${item.value}`,
};
export default strings;
