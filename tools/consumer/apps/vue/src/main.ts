// A Vue 3 app: `import 'cif-elements'` registers the elements; the template uses them directly.
import { createApp } from 'vue';
import 'cif-elements';
import type { CifDialDetail } from 'cif-elements';
import App from './App.vue';

declare global {
  interface Window {
    appDials: CifDialDetail[];
  }
}
window.appDials = [];

createApp(App).mount('#app');
