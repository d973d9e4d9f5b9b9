// The simulated Dynamics 365 workspace: everything outside <cif-provider> plays Dynamics (driving the
// provider's SimulatedCifHost as a user would), plus a toy "telephony" that answers the widget's events.
import 'cif-elements';
import type { CifProvider, SimulatedCifHost, CifRecord } from 'cif-elements';

const provider = document.querySelector<CifProvider>('#provider')!;
const form = document.querySelector<HTMLElement>('#form')!;
const strip = document.querySelector<HTMLElement>('#session-strip')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
const hostPresence = document.querySelector<HTMLElement>('#host-presence')!;

document.querySelector<HTMLInputElement>('#dark')!.addEventListener('change', (e) => {
  document.documentElement.dataset.cifTheme = (e.target as HTMLInputElement).checked ? 'dark' : 'light';
});

/** Appends one line to the event log (as text). */
function note(text: string): void {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  log.prepend(li);
  while (log.children.length > 40) log.lastElementChild!.remove();
}

for (const type of ['cif-ready', 'cif-error', 'cif-dial', 'cif-hangup', 'cif-mute', 'cif-hold', 'cif-dtmf',
  'cif-click-to-act', 'cif-presence-change', 'cif-session-select']) {
  provider.addEventListener(type, (e) => {
    const detail = (e as CustomEvent).detail;
    note(`${type} ${type === 'cif-ready' ? '' : JSON.stringify(detail, (k, v) => (k === 'client' ? undefined : v))}`);
  });
}

const PHONE_FIELDS: Array<[string, string]> = [
  ['telephone1', 'Business phone'],
  ['mobilephone', 'Mobile phone'],
];

function renderForm(host: SimulatedCifHost, contact: CifRecord): void {
  form.replaceChildren();
  const h = document.createElement('h1');
  h.textContent = String(contact.fullname ?? 'Contact');
  const pick = document.createElement('select');
  pick.setAttribute('aria-label', 'Open another contact');
  for (const c of host.records('contact')) {
    const o = new Option(String(c.fullname), String(c.contactid), false, c.contactid === contact.contactid);
    pick.append(o);
  }
  pick.addEventListener('change', () => {
    const next = host.record('contact', pick.value);
    if (next) renderForm(host, next);
  });
  const dl = document.createElement('dl');
  for (const [field, label] of [['emailaddress1', 'Email'], ...PHONE_FIELDS]) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    const value = String(contact[field] ?? '');
    if (PHONE_FIELDS.some(([f]) => f === field) && value) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'click-to-act';
      b.textContent = value;
      b.title = 'Click to dial (sends onclicktoact to the widget)';
      b.addEventListener('click', () => {
        const sent = host.clickToAct({ value, name: field, format: 'phone', entityLogicalName: 'contact', entityId: String(contact.contactid) });
        if (!sent) note('click-to-act is off for this channel provider: Dynamics sent nothing');
      });
      dd.append(b);
    } else dd.textContent = value || '—';
    dl.append(dt, dd);
  }
  form.append(h, pick, dl);
}

function renderHost(host: SimulatedCifHost): void {
  hostPresence.textContent = host.presence.presenceText;
  const tabs = [{ sessionId: 'session-id-0', title: 'Home', focused: host.focusedSessionId === 'session-id-0' }, ...host.sessions];
  strip.replaceChildren(
    ...tabs.map((s) => {
      const tab = document.createElement('span');
      tab.className = 'session-tab' + (s.focused ? ' focused' : '');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = s.title || s.sessionId;
      b.setAttribute('aria-pressed', String(s.focused));
      b.addEventListener('click', () => host.userSwitchesSession(s.sessionId));
      tab.append(b);
      if (s.sessionId !== 'session-id-0') {
        const x = document.createElement('button');
        x.type = 'button';
        x.textContent = '×';
        x.setAttribute('aria-label', `Close session ${s.title}`);
        x.addEventListener('click', () => host.userClosesSession(s.sessionId));
        tab.append(x);
      }
      return tab;
    }),
  );
}

/** A toy telephony: dials, rings, connects, and opens a session for the call. */
function wireTelephony(): void {
  const dialer = document.querySelector('cif-dialer');
  if (!dialer) return;
  const d = dialer as HTMLElement & { callState: string; contactName?: string };
  dialer.addEventListener('cif-dial', async (e) => {
    const { number } = (e as CustomEvent<{ number: string }>).detail;
    const client = provider.client!;
    d.callState = 'dialing';
    const digits = number.replace(/\D/g, '').slice(-7);
    const matches = await client
      .searchAndOpenRecords('contact', `?$select=fullname&$filter=contains(telephone1,'${digits.slice(0, 3)}') and contains(telephone1,'${digits.slice(3)}')&$top=1`, true)
      .catch(() => []);
    const name = matches[0]?.fullname as string | undefined;
    if (name) d.contactName = name;
    setTimeout(() => (d.callState = 'ringing'), 700);
    setTimeout(async () => {
      d.callState = 'connected';
      if (client.version === 2 && (await client.canCreateSession().catch(() => false))) {
        await client.createSession({ templateName: 'msdyn_voicecall_session', customerName: name ?? number, channel: 'voice' }).catch((err) => note(String(err)));
      }
    }, 1800);
  });
  dialer.addEventListener('cif-hangup', () => {
    d.callState = 'ended';
    setTimeout(() => {
      d.callState = 'idle';
      d.contactName = undefined;
    }, 1500);
  });
}

provider.addEventListener('cif-ready', () => {
  const host = provider.host;
  if (!host) return;
  renderForm(host, host.records('contact')[0]);
  renderHost(host);
  host.addEventListener('change', () => renderHost(host));
});
wireTelephony();
