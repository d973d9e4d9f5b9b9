import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: '전화 꺼짐',
  connecting: '전화 연결 중…',
  registering: '전화 등록 중…',
  registered: (user) => `전화 준비됨 (${user})`,
  registeredElsewhere: (user) => `전화 준비됨 (${user}), 다른 탭에서`,
  reconnecting: '연결 끊김: 다시 연결하는 중…',
  failed: (reason) => `전화가 등록되지 않음: ${reason}`,
  reason: sipReasons({
    'invalid-argument': '서버 또는 주소가 잘못되었습니다',
    transport: '전화 시스템에 연결할 수 없습니다',
    'registration-refused': '전화 시스템에서 거부되었습니다',
    'auth-failed': '사용자 이름 또는 암호가 잘못되었습니다',
    timeout: '전화 시스템에서 응답이 없습니다',
    busy: '통화 중',
    declined: '통화가 거절되었습니다',
    'not-found': '번호를 찾을 수 없습니다',
    unavailable: '상대방에 연결할 수 없습니다',
    microphone: '마이크에 액세스할 수 없습니다',
    'ice-failed': '오디오 연결 실패',
    'call-failed': '통화 실패',
  }),
  unknownError: '알 수 없는 오류',
  retry: '다시 시도',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: '오디오',
  microphone: '마이크',
  speaker: '스피커',
  systemDefault: '시스템 기본값',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? '마이크' : '스피커'} ${f}`,
  allow: '마이크 허용',
  level: '마이크 수준',
  checkMicrophone: '마이크 확인',
  stopCheck: '확인 중지',
  testSpeaker: '테스트 신호음 재생',
  testing: '테스트 신호음 재생 중…',
  denied: '이 사이트에서 마이크가 차단되었습니다. 브라우저의 사이트 설정에서 허용한 다음 다시 시도하세요.',
  noMicrophone: '마이크를 찾을 수 없습니다.',
  speakerFixed: '이 브라우저는 시스템 스피커로 통화를 재생합니다.',
};
