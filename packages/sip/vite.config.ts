import { libConfig } from '../../tools/vite-lib.js';

export default libConfig();
