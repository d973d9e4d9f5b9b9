// A vanilla app: one import registers every element; markup in index.html.
import 'cif-elements';
import type { CifDialDetail } from 'cif-elements';

declare global {
  interface Window {
    appDials: CifDialDetail[];
  }
}
window.appDials = [];
document.addEventListener('cif-dial', (e) => window.appDials.push((e as CustomEvent<CifDialDetail>).detail));
