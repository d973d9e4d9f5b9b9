// A recording front for the consumer apps' servers (Vite's dev server, the static servers): the browsers
// open every app through it, so that the checks see the same things in every engine, including WebKit,
// whose WebDriver (classic) reports neither network events nor page errors:
// - every request the page makes to its server, with the response status;
// - in every HTML page, a first inline script that records page errors, failed resource loads, unhandled
//   promise rejections and console.error calls in `window.__consumerProblems`.
// WebSocket upgrades (Vite's HMR client) are passed through untouched. Loopback only.
import { request as httpRequest, createServer } from 'node:http';
import { connect } from 'node:net';

const RECORDER = `<script>(() => {
  const problems = (window.__consumerProblems = []);
  addEventListener('error', (e) => {
    const t = e.target;
    problems.push(t && t !== window ? 'failed to load ' + (t.src || t.href || t.tagName) : 'page error: ' + e.message);
  }, true);
  addEventListener('unhandledrejection', (e) => problems.push('unhandled rejection: ' + ((e.reason && e.reason.message) || e.reason)));
  const error = console.error.bind(console);
  console.error = (...args) => { problems.push('console error: ' + args.map(String).join(' ')); error(...args); };
})();</script>`;

/** Puts the recorder first in the document (right after <head>, or at the very start). @param {string} html */
function withRecorder(html) {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + RECORDER + html.slice(head.index + head[0].length) : RECORDER + html;
}

/**
 * Starts a front on a free port of 127.0.0.1 for the server at `target` (http://127.0.0.1:port).
 * @param {string} target
 */
export async function recordingFront(target) {
  const upstream = new URL(target);
  /** @type {Array<{ path: string, status: number }>} */
  let requests = [];
  const server = createServer((req, res) => {
    const entry = { path: req.url ?? '/', status: 0 };
    requests.push(entry);
    const headers = { ...req.headers, 'accept-encoding': 'identity' };
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (up) => {
      entry.status = up.statusCode ?? 0;
      const type = String(up.headers['content-type'] ?? '');
      if (!type.startsWith('text/html')) {
        res.writeHead(entry.status, up.headers);
        up.pipe(res);
        return;
      }
      const chunks = /** @type {Buffer[]} */ ([]);
      up.on('data', (c) => chunks.push(c));
      up.on('end', () => {
        const body = withRecorder(Buffer.concat(chunks).toString('utf8'));
        const h = { ...up.headers };
        delete h['content-length'];
        delete h.etag;
        res.writeHead(entry.status, h).end(body);
      });
    });
    out.on('error', (e) => {
      entry.status = 502;
      res.writeHead(502).end(`front: ${e.message}`);
    });
    req.pipe(out);
  });
  server.on('upgrade', (req, socket, head) => {
    const up = connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}/`,
    /** The requests since the last call (path and status), and forgets them. */
    take() {
      const r = requests;
      requests = [];
      return r;
    },
    stop() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
