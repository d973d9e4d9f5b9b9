import { libConfig } from '../../tools/vite-lib.js';

export default libConfig({ entries: { index: 'src/index.ts', phone: 'src/phone.ts', 'phone-lib': 'src/phone-lib.ts', i18n: 'src/i18n.ts', 'roving-focus': 'src/roving-focus.ts', icons: 'src/icons.ts' } });
