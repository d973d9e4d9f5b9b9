import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: '세션',
  loading: '세션을 로드하는 중…',
  empty: '세션이 없습니다. 시작한 세션이 여기에 표시됩니다.',
  notConnected: 'Dynamics 365에 연결되어 있지 않습니다.',
  unsupported: '세션을 사용하려면 다중 세션 앱(CIF 2.0)이 필요합니다. 이 앱은 세션이 없는 CIF 1.0을 사용합니다.',
  loadError: '세션을 로드할 수 없습니다.',
  focusError: '세션으로 전환할 수 없습니다.',
  retry: '다시 시도',
  untitled: '제목 없는 세션',
  channels: {
    voice: '음성',
    phone: '전화',
    chat: '채팅',
    sms: 'SMS',
    email: '전자 메일',
    video: '비디오',
  },
  formatAge: (ms: number) => formatSessionAgeIn('ko', ms),
  separator: ', ',
  ageLabel: (_age: string, relative: string) => `${relative} 시작됨`,
  unreadLabel: (count: number) => `읽지 않음 ${count}개`,
  created: (title: string) => `새 세션: ${title}`,
  closed: (title: string) => `세션 닫힘: ${title}`,
};
export default strings;
