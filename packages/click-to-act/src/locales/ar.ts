import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'النقر للاتصال',
  description: 'إعداد على مستوى المؤسسة: يؤدي تشغيله أو إيقاف تشغيله إلى تغييره لجميع الوكلاء في مؤسستك.',
  loading: 'جارٍ قراءة الإعداد…',
  writing: 'جارٍ الحفظ…',
  notConnected: 'غير متصل بـ Dynamics 365.',
  readError: 'تعذرت قراءة الإعداد الحالي.',
  writeError: 'لم يتم حفظ التغيير.',
  retry: 'إعادة المحاولة',
  lastHeading: 'آخر ما تم النقر عليه في Dynamics 365',
  lastValue: 'القيمة',
  lastField: 'الحقل',
  lastEntity: 'نوع السجل',
  lastEmpty: 'انقر فوق رقم هاتف في Dynamics 365 لاستخدامه هنا.',
  announceClick: (item: ClickToActPayload) => `تم النقر في Dynamics 365: ${item.value}`,
};
export default strings;
