import type { ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from '../strings.js';

const strings: CifClickToActStrings = {
  label: 'לחיצה לחיוג',
  description: 'הגדרה לכל הארגון: הפעלה או כיבוי שלה משנים אותה עבור כל הנציגים בארגון.',
  loading: 'קורא את ההגדרה…',
  writing: 'שומר…',
  notConnected: 'לא מחובר ל-Dynamics 365.',
  readError: 'לא ניתן היה לקרוא את ההגדרה הנוכחית.',
  writeError: 'השינוי לא נשמר.',
  retry: 'נסה שוב',
  lastHeading: 'הלחיצה האחרונה ב-Dynamics 365',
  lastValue: 'ערך',
  lastField: 'שדה',
  lastEntity: 'סוג רשומה',
  lastEmpty: 'לחצו על מספר טלפון ב-Dynamics 365 כדי להשתמש בו כאן.',
  announceClick: (item: ClickToActPayload) => `נלחץ ב-Dynamics 365: ${item.value}`,
};
export default strings;
