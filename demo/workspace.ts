// The simulated Dynamics 365 workspace: everything outside <cif-provider> plays Dynamics (driving the
// provider's SimulatedCifHost as a user would), plus a toy "telephony" that answers the widget's events.
import 'cif-elements';
import type { CifCallFlow, CifProvider, SimulatedCifHost, CifRecord } from 'cif-elements';

const provider = document.querySelector<CifProvider>('#provider')!;
const form = document.querySelector<HTMLElement>('#form')!;
const strip = document.querySelector<HTMLElement>('#session-strip')!;
const log = document.querySelector<HTMLOListElement>('#log')!;
const hostPresence = document.querySelector<HTMLElement>('#host-presence')!;

document.querySelector<HTMLInputElement>('#dark')!.addEventListener('change', (e) => {
  document.documentElement.dataset.cifTheme = (e.target as HTMLInputElement).checked ? 'dark' : 'light';
});

document.querySelector<HTMLInputElement>('#rtl')!.addEventListener('change', (e) => {
  document.documentElement.dir = (e.target as HTMLInputElement).checked ? 'rtl' : 'ltr';
});

// The widget's language: <cif-provider locale> (without it, the Dynamics user's language; the simulated
// user's is English). Also from the address: ?locale=de.
const localeSelect = document.querySelector<HTMLSelectElement>('#locale')!;
const fromUrl = new URLSearchParams(location.search).get('locale');
if (fromUrl) {
  localeSelect.value = fromUrl;
  provider.locale = fromUrl;
}
localeSelect.addEventListener('change', () => {
  provider.locale = localeSelect.value || undefined;
});

// Several channel providers (CIF FAQ): the widget is hidden in the home session unless the provider opens a
// default session, which <cif-provider default-session> does.
document.querySelector<HTMLInputElement>('#providers')!.addEventListener('change', (e) => {
  const several = (e.target as HTMLInputElement).checked;
  provider.defaultSession = several ? 'msdyn_phone_default' : '';
  provider.simulatedOptions = several ? { providers: 2 } : undefined;
});

/** Appends one line to the event log (as text). */
function note(text: string): void {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  log.prepend(li);
  while (log.children.length > 40) log.lastElementChild!.remove();
}

for (const type of ['cif-ready', 'cif-error', 'cif-dial', 'cif-hangup', 'cif-mute', 'cif-hold', 'cif-dtmf',
  'cif-click-to-act', 'cif-presence-change', 'cif-session-select', 'cif-call-accept', 'cif-call-decline',
  'cif-call-timeout', 'cif-screen-pop', 'cif-call-logged', 'cif-call-log-failed']) {
  provider.addEventListener(type, (e) => {
    const detail = (e as CustomEvent).detail;
    let text = '';
    try {
      text = type === 'cif-ready' ? '' : JSON.stringify(detail, (k, v) => (k === 'client' ? undefined : v));
    } catch {
      text = '(details not serialisable)';
    }
    note(`${type} ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`);
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
      b.dir = 'ltr'; // a phone number reads left to right in a right-to-left page too
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
  document.querySelector<HTMLElement>('#hidden-note')!.hidden = host.widgetVisible;
  provider.style.visibility = host.widgetVisible ? '' : 'hidden';
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

/**
 * A toy telephony wired to the call flow: it "places" outgoing calls the dialer asks for, "answers"
 * what the agent accepts, holds, transfers, merges, and ends calls on hang-up. <cif-call-flow> does the
 * rest (alert, hold-first when a second call is accepted, screen pop, CIF 2.0 session, a wrap-up per call,
 * and a phonecall activity for every call: declined and timed-out ones are ended and logged by the
 * controller itself; a caller who gives up while it rings is reported with ended() and logged as missed).
 */
function wireTelephony(): void {
  const flow = document.querySelector<CifCallFlow>('cif-call-flow');
  if (!flow) return;
  const calls = flow.controller;
  let next = 1;
  calls.addEventListener('dial', (e) => {
    const callId = `out-${next++}`;
    calls.outgoing({ callId, to: e.detail.number });
    setTimeout(() => calls.ringing(callId), 600);
    setTimeout(() => calls.connected(callId), 1600);
  });
  calls.addEventListener('accept', (e) => setTimeout(() => calls.connected(e.detail.call.callId), 300));
  calls.addEventListener('hangup', (e) => calls.ended(e.detail.call.callId));
  calls.addEventListener('hold', (e) => setTimeout(() => calls.held(e.detail.call.callId, e.detail.held), 150));
  calls.addEventListener('mute', (e) => calls.muted(e.detail.call.callId, e.detail.muted));
  // Declined / timed out: reject the call in the telephony; the controller has already logged it.
  calls.addEventListener('decline', (e) => note(`declined ${e.detail.call.display}: logged as a declined call`));
  calls.addEventListener('timeout', (e) => note(`no answer for ${e.detail.call.display}: logged as a missed call`));
  // Transfer and conference.
  calls.addEventListener('transfer', (e) => setTimeout(() => calls.ended(e.detail.call.callId, { reason: 'transferred' }), 400));
  calls.addEventListener('consult', (e) => {
    const callId = `out-${next++}`;
    calls.outgoing({ callId, to: e.detail.target, consultFor: e.detail.call.callId });
    setTimeout(() => calls.connected(callId), 800);
  });
  calls.addEventListener('transfercomplete', (e) => {
    calls.ended(e.detail.call.callId, { reason: 'transferred' });
    calls.ended(e.detail.consult.callId, { reason: 'transferred' });
  });
  calls.addEventListener('transfercancel', (e) => {
    calls.ended(e.detail.consult.callId);
    calls.held(e.detail.call.callId, false);
  });
  calls.addEventListener('conference', (e) => setTimeout(() => calls.conferenced(e.detail.calls.map((c) => c.callId)), 300));
  calls.addEventListener('logged', () => note('phonecall activity written to (simulated) Dynamics'));
  calls.addEventListener('pending', (e) => {
    if (!e.detail.durable) note('this browser refuses to store call logs: they are kept only while this tab is open');
  });
  document.querySelector('#ring')!.addEventListener('click', () => {
    const host = provider.host;
    const contacts = host?.records('contact').filter((c) => typeof c.telephone1 === 'string') ?? [];
    const caller = contacts[Math.floor(Math.random() * contacts.length)];
    const callId = `in-${next++}`;
    calls.incoming({ callId, from: String(caller?.telephone1 ?? '+14255550100'), queue: 'Support' });
    // The caller gives up after 15 s if nobody answers: reported as ended, logged as a missed call.
    setTimeout(() => {
      const call = calls.getCall(callId);
      if (call && !call.answer && call.phase === 'ringing') calls.ended(callId);
    }, 15_000);
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
