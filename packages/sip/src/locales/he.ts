import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: 'הטלפון כבוי',
  connecting: 'הטלפון מתחבר…',
  registering: 'הטלפון נרשם…',
  registered: (user) => `הטלפון מוכן (${user})`,
  registeredElsewhere: (user) => `הטלפון מוכן (${user}), בכרטיסייה אחרת`,
  reconnecting: 'החיבור אבד: מתבצע חיבור מחדש…',
  failed: (reason) => `הטלפון לא רשום: ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'שרת או כתובת לא חוקיים',
    transport: 'אין גישה למרכזיה',
    'registration-refused': 'נדחה על ידי המרכזיה',
    'auth-failed': 'שם משתמש או סיסמה שגויים',
    timeout: 'אין תגובה מהמרכזיה',
    busy: 'הקו תפוס',
    declined: 'השיחה נדחתה',
    'not-found': 'המספר לא נמצא',
    unavailable: 'לא ניתן להשיג את הצד השני',
    microphone: 'אין גישה למיקרופון',
    'ice-failed': 'חיבור השמע נכשל',
    'call-failed': 'השיחה נכשלה',
  }),
  unknownError: 'שגיאה לא ידועה',
  retry: 'ניסיון חוזר',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'שמע',
  microphone: 'מיקרופון',
  speaker: 'רמקול',
  systemDefault: 'ברירת המחדל של המערכת',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'מיקרופון' : 'רמקול'} ${f}`,
  allow: 'מתן הרשאה למיקרופון',
  level: 'עוצמת המיקרופון',
  checkMicrophone: 'בדיקת מיקרופון',
  stopCheck: 'עצירת הבדיקה',
  testSpeaker: 'השמעת צליל בדיקה',
  testing: 'צליל בדיקה מושמע…',
  denied: 'המיקרופון חסום לאתר הזה. יש לאפשר אותו בהגדרות האתר בדפדפן ולנסות שוב.',
  noMicrophone: 'לא נמצא מיקרופון.',
  speakerFixed: 'הדפדפן הזה משמיע שיחות ברמקול של המערכת.',
};
