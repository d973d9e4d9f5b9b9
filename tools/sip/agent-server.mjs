// Serves the SIP agent workspace (demo/sip/) on 127.0.0.1: agent.html and its CSS as files, agent.ts bundled
// with esbuild from the packages' sources (the "source" export condition), so no build step is needed.
// 127.0.0.1 over http is a secure context: getUserMedia works.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const root = path.join(repo, 'demo/sip');
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.ts': 'text/javascript' };

/** Bundles demo/sip/agent.ts (and anything else asked for) once; returns the JS text. */
export async function bundleAgent() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'agent.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    conditions: ['source', 'development'],
    tsconfig: path.join(repo, 'tsconfig.json'),
    write: false,
    logLevel: 'error',
    sourcemap: 'inline',
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  return result.outputFiles[0].text;
}

/** Starts the server on `port` (0: any free one). Returns `{ url, port, close() }`. */
export async function serveAgents({ port = 0, host = '127.0.0.1' } = {}) {
  const bundle = await bundleAgent();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const name = url.pathname === '/' ? '/index.html' : url.pathname;
    if (name === '/agent.ts') {
      res.writeHead(200, { 'content-type': TYPES['.ts'], 'cache-control': 'no-store' });
      res.end(bundle);
      return;
    }
    const file = path.join(root, path.normalize(name));
    if (!file.startsWith(root + path.sep) || !/\.(html|css)$/.test(file) || !fs.existsSync(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)], 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    port: actual,
    url: `http://${host}:${actual}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
