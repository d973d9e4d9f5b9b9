// One agent's workspace on the simulated Dynamics host, with a real SIP phone: <cif-sip> inside
// <cif-call-flow>. Used by `npm run start:sip` (two of these side by side) and by the SIP end-to-end tests.
//
// Query: ?agent=a|b|c (which demo agent), &server=ws://127.0.0.1:<port> (the PBX's WebSocket; default
// the local Kamailio of `npm run start:sip`), &domain=<SIP domain> (default 127.0.0.1), &dtmf=info.
// The password is typed in the sign-in form: never in the URL.
import 'cif-elements';
import '@cif-elements/sip';
import type { CifProvider, SimulatedCifHost } from 'cif-elements';
import type { CifSip } from '@cif-elements/sip';

interface DemoAgent {
  id: string;
  name: string;
  /** SIP user on the demo PBX (the digits of the number). */
  user: string;
  phone: string;
  /** The demo PBX's password (tools/sip/kamailio.cfg): public, for the local demo only. */
  demoPassword: string;
}

const AGENTS: DemoAgent[] = [
  { id: 'a', name: 'Agent A', user: '14255550101', phone: '+1 425-555-0101', demoPassword: 'agent-a-secret' },
  { id: 'b', name: 'Agent B', user: '14255550102', phone: '+1 425-555-0102', demoPassword: 'agent-b-secret' },
  { id: 'c', name: 'Agent C', user: '14255550103', phone: '+1 425-555-0103', demoPassword: 'agent-c-secret' },
];

const params = new URLSearchParams(location.search);
const me = AGENTS.find((a) => a.id === params.get('agent')) ?? AGENTS[0]!;
const server = params.get('server') ?? 'ws://127.0.0.1:8089';
const domain = params.get('domain') ?? '127.0.0.1';

const provider = document.querySelector<CifProvider>('#provider')!;
const sip = document.querySelector<CifSip>('#sip')!;
const signIn = document.querySelector<HTMLFormElement>('#sign-in')!;
const password = document.querySelector<HTMLInputElement>('#password')!;

document.title = `${me.name} — SIP agent workspace`;
document.querySelector('#agent-name')!.textContent = `${me.name} · ${me.phone}`;
document.querySelector('#sign-in-user')!.textContent = `sip:${me.user}@${domain}`;
if (params.get('hint') !== '0') document.querySelector('#hint')!.textContent = `Local demo PBX: the password is "${me.demoPassword}".`;
if (params.get('dtmf') === 'info') sip.dtmf = 'info';
sip.displayName = me.name;
sip.server = server;
sip.aor = `sip:${me.user}@${domain}`;

signIn.addEventListener('submit', (e) => {
  e.preventDefault();
  // The secret goes to the element's property only (and the form field is cleared).
  sip.credentials = { username: me.user, password: password.value };
  password.value = '';
  signIn.hidden = true;
});

// Wrong password: ask again.
sip.addEventListener('cif-sip-registration', (e) => {
  if (e.detail.state === 'failed' && e.detail.error?.code === 'auth-failed') signIn.hidden = false;
});

function renderContacts(host: SimulatedCifHost): void {
  const list = document.querySelector('#contacts')!;
  list.replaceChildren();
  for (const agent of AGENTS.filter((a) => a !== me)) {
    const id = host.putRecord('contact', { firstname: agent.name.split(' ')[0], lastname: agent.name.split(' ')[1], fullname: agent.name, telephone1: agent.phone });
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'click-to-act';
    b.dataset.agent = agent.id;
    b.textContent = agent.phone;
    b.title = `Click to dial ${agent.name}`;
    b.addEventListener('click', () => host.clickToAct({ value: agent.phone, name: 'telephone1', format: 'phone', entityLogicalName: 'contact', entityId: id }));
    li.append(`${agent.name}: `, b);
    list.append(li);
  }
}

function renderLogged(host: SimulatedCifHost): void {
  const list = document.querySelector('#calls-logged')!;
  list.replaceChildren(
    ...host
      .records('phonecall')
      .filter((r) => typeof r.actualstart === 'string' && Date.parse(String(r.actualstart)) > loadedAt - 60_000)
      .map((r) => {
        const li = document.createElement('li');
        li.textContent = `${String(r.subject)} (${r.directioncode ? 'outgoing' : 'incoming'}, ${String(r.actualdurationminutes)} min)`;
        return li;
      }),
  );
}

const loadedAt = Date.now();
provider.addEventListener('cif-ready', () => {
  const host = provider.host;
  if (!host) return;
  renderContacts(host);
  renderLogged(host);
  host.addEventListener('change', () => renderLogged(host));
});

// For the end-to-end tests and the curious: the elements, from the console.
Object.assign(window, { cifAgent: { me, sip, provider, flow: document.querySelector('cif-call-flow') } });
