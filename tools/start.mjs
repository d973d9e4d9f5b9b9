// `npm start`: serves the simulated Dynamics workspace demo (demo/) with Vite on http://127.0.0.1:5173/.
// No Dynamics org and no network needed: the page runs <cif-provider simulated>.
import { createServer } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../demo/', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? '127.0.0.1';

const server = await createServer({
  root,
  configFile: false,
  server: { host, port, strictPort: false, fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  logLevel: 'info',
});
await server.listen();
server.printUrls();
console.log('\n  Simulated Dynamics workspace: the widget, a contact form with click-to-dial numbers, sessions.');
console.log('  Press Ctrl+C to stop.\n');
