import { libConfig, standaloneConfig } from '../../tools/vite-lib.js';

// `vite build`: the library build (dist/index.js re-exports every package).
// `vite build --mode standalone`: dist/cif-elements.js, everything bundled, for one <script type="module">.
export default ({ mode }: { mode: string }) =>
  mode === 'standalone' ? standaloneConfig({ entry: 'src/standalone.ts', fileName: 'cif-elements' }) : libConfig();
