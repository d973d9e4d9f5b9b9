import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `التواجد: ${p}`,
  changing: (p: string) => `التواجد: جارٍ التغيير إلى ${p}`,
  menuLabel: 'تعيين التواجد',
  unknown: 'غير معروف',
  loading: 'جارٍ التحميل…',
  readError: 'تعذرت قراءة حالة تواجدك من Dynamics 365.',
  writeError: (p: string) => `تعذر تغيير حالة تواجدك إلى ${p}.`,
  changed: (p: string) => `تم تعيين التواجد إلى ${p}`,
  changedInDynamics: (p: string) => `تم تغيير التواجد في Dynamics 365 إلى ${p}`,
  changedLocally: (p: string) => `تم تعيين التواجد إلى ${p} في هذه الأداة فقط، وليس في Dynamics 365`,
  localOnly: 'محلي فقط: لا يسمح Dynamics 365 هذا لموفري القنوات بقراءة التواجد أو تعيينه، لذا لا تظهر التغييرات التي تجريها هنا في Dynamics 365.',
  unavailable: 'تعذر على Dynamics 365 تحميل حالة تواجدك ("غير معروف"). للمسؤول: يعني هذا عادةً أن دور وكيل Omnichannel مفقود، أو أن السعة أو التواجد الافتراضي غير معيّن في ملف تعريف الوكيل، أو أن القنوات غير منشّطة في ملف تعريف الوكيل.',
};
export default strings;
