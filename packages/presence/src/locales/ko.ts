import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `현재 상태: ${p}`,
  changing: (p: string) => `현재 상태: ${p}(으)로 변경 중`,
  menuLabel: '현재 상태 설정',
  unknown: '알 수 없음',
  loading: '로드하는 중…',
  readError: 'Dynamics 365에서 현재 상태를 읽을 수 없습니다.',
  writeError: (p: string) => `현재 상태를 ${p}(으)로 변경할 수 없습니다.`,
  changed: (p: string) => `현재 상태가 ${p}(으)로 설정되었습니다.`,
  changedInDynamics: (p: string) => `Dynamics 365에서 현재 상태가 ${p}(으)로 변경되었습니다.`,
  changedLocally: (p: string) => `현재 상태가 이 위젯에서만 ${p}(으)로 설정되었습니다. Dynamics 365에는 적용되지 않습니다.`,
  localOnly: '로컬 전용: 이 Dynamics 365에서는 채널 공급자가 현재 상태를 읽거나 설정할 수 없으므로 여기서 변경한 내용이 Dynamics 365에 표시되지 않습니다.',
  unavailable: 'Dynamics 365에서 현재 상태를 로드할 수 없습니다("알 수 없음"). 관리자 참고: 보통 옴니채널 에이전트 역할이 없거나, 에이전트 프로필에 용량 또는 기본 현재 상태가 설정되지 않았거나, 에이전트 프로필에서 채널이 활성화되지 않은 경우입니다.',
};
export default strings;
