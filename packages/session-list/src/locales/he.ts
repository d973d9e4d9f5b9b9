import type { CifSessionListStrings } from '../strings.js';
import { formatSessionAgeIn } from '../age-intl.js';

const strings: CifSessionListStrings = {
  label: 'הפעלות',
  loading: 'טוען הפעלות…',
  empty: 'אין הפעלות. הפעלות שמתחילים מופיעות כאן.',
  notConnected: 'לא מחובר ל-Dynamics 365.',
  unsupported: 'הפעלות דורשות אפליקציה מרובת הפעלות (CIF 2.0). אפליקציה זו משתמשת ב-CIF 1.0, שאין בו הפעלות.',
  loadError: 'לא ניתן היה לטעון את ההפעלות.',
  focusError: 'לא ניתן היה לעבור להפעלה.',
  retry: 'נסה שוב',
  untitled: 'הפעלה ללא כותרת',
  channels: {
    voice: 'קול',
    phone: 'טלפון',
    chat: 'צ׳אט',
    sms: 'SMS',
    email: 'דואר אלקטרוני',
    video: 'וידאו',
  },
  formatAge: (ms: number) => formatSessionAgeIn('he', ms),
  separator: ', ',
  ageLabel: (_age: string, relative: string) => `התחילה ${relative}`,
  unreadLabel: (count: number) => `${count} שלא נקראו`,
  created: (title: string) => `הפעלה חדשה: ${title}`,
  closed: (title: string) => `ההפעלה נסגרה: ${title}`,
};
export default strings;
