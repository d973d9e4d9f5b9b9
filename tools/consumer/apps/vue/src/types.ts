// Compiled with `tsc --noEmit`: the Vue GlobalComponents types of cif-elements/vue (dist/vue.d.ts, which
// imports the optional peer `vue`) resolve from node_modules.
import type {} from 'cif-elements/vue';
import type { GlobalComponents } from 'vue';

type Dialer = InstanceType<GlobalComponents['cif-dialer']>;
export const country: Dialer['defaultCountry'] = 'US';
