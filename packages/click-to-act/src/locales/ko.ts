import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: '클릭하여 전화 걸기',
  description: '조직 전체 설정: 켜거나 끄면 조직의 모든 에이전트에 적용됩니다.',
  loading: '설정을 읽는 중…',
  writing: '저장하는 중…',
  notConnected: 'Dynamics 365에 연결되어 있지 않습니다.',
  readError: '현재 설정을 읽을 수 없습니다.',
  writeError: '변경 내용이 저장되지 않았습니다.',
  retry: '다시 시도',
  lastHeading: 'Dynamics 365에서 마지막으로 클릭한 항목',
  lastValue: '값',
  lastField: '필드',
  lastEntity: '레코드 종류',
  lastEmpty: 'Dynamics 365에서 전화번호를 클릭하면 여기서 사용할 수 있습니다.',
  announceClick: (item: ClickToActPayload) => `Dynamics 365에서 클릭함: ${item.value}`,
};
export default strings;
