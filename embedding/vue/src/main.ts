import { createApp } from 'vue';
// Registers every element (and the simulated host behind <cif-provider simulated>).
import 'cif-elements';
import App from './App.vue';

createApp(App).mount('#app');
