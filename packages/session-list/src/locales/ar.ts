import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'الجلسات',
  loading: 'جارٍ تحميل الجلسات…',
  empty: 'لا توجد جلسات. تظهر هنا الجلسات التي تبدأها.',
  notConnected: 'غير متصل بـ Dynamics 365.',
  unsupported: 'تتطلب الجلسات تطبيقًا متعدد الجلسات (CIF 2.0). يستخدم هذا التطبيق CIF 1.0 الذي لا يدعم الجلسات.',
  loadError: 'تعذر تحميل الجلسات.',
  focusError: 'تعذر التبديل إلى الجلسة.',
  retry: 'إعادة المحاولة',
  untitled: 'جلسة بلا عنوان',
  channels: {
    voice: 'صوت',
    phone: 'هاتف',
    chat: 'دردشة',
    sms: 'رسائل SMS',
    email: 'البريد الإلكتروني',
    video: 'فيديو',
  },
  formatAge: (ms: number) => formatSessionAgeIn('ar', ms),
  separator: '، ',
  ageLabel: (_age: string, relative: string) => `بدأت ${relative}`,
  unreadLabel: (count: number) => `${count} غير مقروءة`,
  created: (title: string) => `جلسة جديدة: ${title}`,
  closed: (title: string) => `تم إغلاق الجلسة: ${title}`,
};
export default strings;
