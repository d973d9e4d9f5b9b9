import type { CifPresenceStrings } from '../strings.js';

const strings: CifPresenceStrings = {
  buttonLabel: (p: string) => `נוכחות: ${p}`,
  changing: (p: string) => `נוכחות: משתנה ל-${p}`,
  menuLabel: 'הגדרת נוכחות',
  unknown: 'לא ידוע',
  loading: 'טוען…',
  readError: 'לא ניתן היה לקרוא את הנוכחות שלך מ-Dynamics 365.',
  writeError: (p: string) => `לא ניתן היה לשנות את הנוכחות שלך ל-${p}.`,
  changed: (p: string) => `הנוכחות הוגדרה ל-${p}`,
  changedInDynamics: (p: string) => `הנוכחות שונתה ב-Dynamics 365 ל-${p}`,
  changedLocally: (p: string) => `הנוכחות הוגדרה ל-${p} בווידג׳ט זה בלבד, לא ב-Dynamics 365`,
  localOnly: 'מקומי בלבד: Dynamics 365 זה אינו מאפשר לספקי ערוצים לקרוא או להגדיר נוכחות, ולכן שינויים כאן אינם מוצגים ב-Dynamics 365.',
  unavailable: 'Dynamics 365 לא הצליח לטעון את הנוכחות שלך ("לא ידוע"). למנהל המערכת: בדרך כלל חסר תפקיד סוכן Omnichannel, הקיבולת או נוכחות ברירת המחדל אינן מוגדרות בפרופיל הסוכן, או שהערוצים אינם מופעלים בפרופיל הסוכן.',
};
export default strings;
