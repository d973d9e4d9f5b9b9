// `npm run start:sip`: two agent workspaces (simulated Dynamics host) that call each other for real,
// through the repo's Kamailio (tools/sip/kamailio.cfg, digest auth on) on 127.0.0.1.
//
// Environment: PORT (web page, default 5174), SIP_PORT (Kamailio's WebSocket, default 8089),
// SIP_SERVER=wss://… to use a real PBX instead of starting Kamailio (then also SIP_DOMAIN).
// `npm start` stays on the simulated telephony and needs no server.
import { startKamailio, findKamailio, INSTALL_LINE } from './kamailio.mjs';
import { serveAgents } from './agent-server.mjs';

const external = process.env.SIP_SERVER;
let kamailio;
if (!external) {
  if (!findKamailio()) {
    console.error(`Kamailio is not installed. Install it (${INSTALL_LINE}), or point the demo at your PBX with SIP_SERVER=wss://… SIP_DOMAIN=….`);
    process.exit(1);
  }
  kamailio = await startKamailio({ auth: true, port: Number(process.env.SIP_PORT ?? 8089) });
  console.log(`Kamailio (pid ${kamailio.pid}, log ${kamailio.log}) on ${kamailio.url}`);
}
const server = external ?? kamailio.url;
const web = await serveAgents({ port: Number(process.env.PORT ?? 5174) });
const q = new URLSearchParams({ server });
if (process.env.SIP_DOMAIN) q.set('domain', process.env.SIP_DOMAIN);
console.log(`\n  Two agents:  ${web.url}/?${q}`);
console.log(`  One agent:   ${web.url}/agent.html?agent=a&${q}   (agent=a|b|c)`);
console.log('\n  Demo passwords: agent-a-secret, agent-b-secret, agent-c-secret. Ctrl+C stops everything.\n');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await web.close().catch(() => undefined);
  await kamailio?.stop().catch(() => undefined);
  process.exit(0);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop());
