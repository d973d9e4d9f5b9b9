import { sipReasons } from '../strings.js';
import type { CifAudioSettingsStrings, CifSipStrings } from '../strings.js';

export const sip: CifSipStrings = {
  idle: 'الهاتف متوقف',
  connecting: 'جارٍ توصيل الهاتف…',
  registering: 'جارٍ تسجيل الهاتف…',
  registered: (user) => `الهاتف جاهز (${user})`,
  registeredElsewhere: (user) => `الهاتف جاهز (${user})، في علامة تبويب أخرى`,
  reconnecting: 'انقطع الاتصال: جارٍ إعادة الاتصال…',
  failed: (reason) => `الهاتف غير مسجّل: ${reason}`,
  reason: sipReasons({
    'invalid-argument': 'الخادم أو العنوان غير صالح',
    transport: 'تعذّر الوصول إلى نظام الهاتف',
    'registration-refused': 'رفضه نظام الهاتف',
    'auth-failed': 'اسم المستخدم أو كلمة المرور غير صحيحة',
    timeout: 'لا استجابة من نظام الهاتف',
    busy: 'الخط مشغول',
    declined: 'تم رفض المكالمة',
    'not-found': 'الرقم غير موجود',
    unavailable: 'تعذّر الوصول إلى الطرف الآخر',
    microphone: 'لا يمكن الوصول إلى الميكروفون',
    'ice-failed': 'فشل اتصال الصوت',
    'call-failed': 'فشلت المكالمة',
  }),
  unknownError: 'خطأ غير معروف',
  retry: 'إعادة المحاولة',
};

export const audioSettings: CifAudioSettingsStrings = {
  heading: 'الصوت',
  microphone: 'الميكروفون',
  speaker: 'مكبّر الصوت',
  systemDefault: 'افتراضي النظام',
  unnamedDevice: (kind, _n, f) => `${kind === 'microphone' ? 'ميكروفون' : 'مكبّر صوت'} ${f}`,
  allow: 'السماح بالميكروفون',
  level: 'مستوى الميكروفون',
  checkMicrophone: 'فحص الميكروفون',
  stopCheck: 'إيقاف الفحص',
  testSpeaker: 'تشغيل نغمة اختبار',
  testing: 'جارٍ تشغيل نغمة الاختبار…',
  denied: 'الميكروفون محظور لهذا الموقع. اسمح به في إعدادات الموقع في المستعرض، ثم أعد المحاولة.',
  noMicrophone: 'لم يُعثر على ميكروفون.',
  speakerFixed: 'يشغّل هذا المستعرض المكالمات على مكبّر صوت النظام.',
};
