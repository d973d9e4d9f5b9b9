import { libConfig } from '../../tools/vite-lib.js';

export default libConfig({
  entries: { index: 'src/index.ts', api: 'src/api.ts', connect: 'src/connect.ts', 'simulated/index': 'src/simulated/index.ts', 'testing/index': 'src/testing/index.ts' },
});
