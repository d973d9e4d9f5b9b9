import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import { CifSessionList, defaultSessionListStrings, formatSessionAge } from '../src/index.js';
import type { CifSessionSelectDetail } from '../src/index.js';
import type { CifSession } from '@cif-elements/client';
import { handset } from '@cif-elements/core/icons';
import {
  focusedOptionId,
  loaded,
  option,
  optionNames,
  options,
  part,
  seeded,
  selectedIds,
  threeSessions,
} from './helpers.js';

const HOSTILE_HTML = '<img src=x onerror="window.__pwned = true">';
const HOSTILE_RTL = '\u202Eevil.exe\u202C';

describe('<cif-session-list> rendering and states', () => {
  it('is defined and documents itself as a listbox of sessions', async () => {
    const el = document.createElement('cif-session-list');
    expect(el).to.be.instanceOf(CifSessionList);
    expect(customElements.get('cif-session-list')).to.equal(CifSessionList);
  });

  it('without a client shows a calm "not connected" state (state=idle), accessible', async () => {
    const el = await fixture<CifSessionList>(html`<cif-session-list></cif-session-list>`);
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    expect(part(el.shadowRoot!, 'idle')!.textContent).to.equal(defaultSessionListStrings.notConnected);
    expect(el.sessions).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows a loading state while CIF answers (state=loading), accessible', async () => {
    const { fake, client } = seeded(threeSessions());
    fake.hang('getAllSessions');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    expect(el.state).to.equal('loading');
    expect(el.getAttribute('state')).to.equal('loading');
    expect(part(el.shadowRoot!, 'loading')!.textContent).to.equal(defaultSessionListStrings.loading);
    expect(options(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('shows the empty state when the provider has no session (state=empty), accessible', async () => {
    const { client } = seeded([]);
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(el.state).to.equal('empty');
    expect(el.getAttribute('state')).to.equal('empty');
    expect(part(el.shadowRoot!, 'empty')!.textContent).to.equal(defaultSessionListStrings.empty);
    expect(el.shadowRoot!.querySelector('[role="listbox"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('lists sessions: title, customer, channel icon + label, age, badge, focused mark (state=ready), accessible', async () => {
    const now = Date.now();
    const { client } = seeded(threeSessions(now), 'seed-2');
    await client.notifyNewActivity('seed-3', 4);
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(el.state).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
    const listbox = el.shadowRoot!.querySelector('[role="listbox"]')!;
    expect(listbox.getAttribute('part')).to.equal('list');
    expect(listbox.getAttribute('aria-label')).to.equal('Sessions');
    const opts = options(el);
    expect(opts.map((o) => o.dataset.id)).to.deep.equal(['seed-1', 'seed-2', 'seed-3']);

    const first = opts[0];
    expect(part(first, 'title')!.textContent).to.equal('Call from Ana');
    expect(part(first, 'customer')!.textContent).to.equal('Ana Silva');
    expect(part(first, 'channel')!.textContent!.trim()).to.equal('Voice');
    const icon = part(first, 'channel')!.querySelector('svg')!;
    expect(icon.getAttribute('aria-hidden')).to.equal('true');
    expect(part(first, 'age')!.textContent).to.equal('3 min');
    expect(part(first, 'badge')).to.equal(null);
    expect(part(opts[1], 'age')!.textContent).to.equal('1 h 5 min');
    expect(part(opts[2], 'age')!.textContent).to.equal('< 1 min');
    expect(part(opts[2], 'badge')!.textContent).to.equal('4');

    // focused session: aria-selected, part "focused"; the others are not selected
    expect(selectedIds(el)).to.deep.equal(['seed-2']);
    expect(opts[1].getAttribute('part')).to.equal('session focused');
    expect(opts[0].getAttribute('part')).to.equal('session');
    expect(opts[0].getAttribute('aria-selected')).to.equal('false');

    // each option's accessible name is a readable sentence of its facts (as the browser computes it)
    expect(optionNames(el)).to.deep.equal([
      'Call from Ana, Ana Silva, Voice, started 3 min ago',
      'Billing chat, Bo Chen, Chat, started 1 h 5 min ago',
      'Email: refund, Cy Dube, Email, started < 1 min ago, 4 unread',
    ]);

    // the public snapshot matches
    expect(el.sessions.map((s) => [s.sessionId, s.focused, s.title, s.unread])).to.deep.equal([
      ['seed-1', false, 'Call from Ana', 0],
      ['seed-2', true, 'Billing chat', 0],
      ['seed-3', false, 'Email: refund', 4],
    ]);
    expect(Object.isFrozen(el.sessions)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows an unknown channel as its own text without an icon, and sessions without startedAt show no age', async () => {
    const { client } = seeded([
      { sessionId: 'seed-1', title: 'Carrier pigeon', channel: 'Pigeon post' },
      { sessionId: 'seed-2', customerName: 'Only a customer' },
      { sessionId: 'seed-3' },
    ]);
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    const [a, b, c] = options(el);
    expect(part(a, 'channel')!.textContent).to.equal('Pigeon post');
    expect(part(a, 'channel')!.querySelector('svg')).to.equal(null);
    expect(part(a, 'age')).to.equal(null);
    // no title: the customer name is the title (and not repeated)
    expect(part(b, 'title')!.textContent).to.equal('Only a customer');
    expect(part(b, 'customer')).to.equal(null);
    expect(optionNames(el)).to.deep.equal([
      'Carrier pigeon, Pigeon post',
      'Only a customer',
      'Untitled session',
    ]);
    expect(part(c, 'title')!.textContent).to.equal('Untitled session');
    await expect(el).to.be.accessible();
  });

  it('draws an icon for every known channel, case-insensitively', async () => {
    const channels = ['voice', 'phone', 'chat', 'SMS', 'Email', 'video'];
    const { client } = seeded(channels.map((channel, i) => ({ sessionId: `seed-${i}`, title: `t${i}`, channel })));
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    const labels = options(el).map((o) => [!!part(o, 'channel')!.querySelector('svg'), part(o, 'channel')!.textContent!.trim()]);
    expect(labels).to.deep.equal([
      [true, 'Voice'],
      [true, 'Phone'],
      [true, 'Chat'],
      [true, 'SMS'],
      [true, 'Email'],
      [true, 'Video'],
    ]);
    // voice and phone: the handset every element draws (@cif-elements/core/icons)
    const probe = await fixture<SVGSVGElement>(html`<svg>${handset}</svg>`);
    const d = probe.querySelector('path')!.getAttribute('d');
    expect(options(el).slice(0, 2).map((o) => part(o, 'channel')!.querySelector('path')!.getAttribute('d'))).to.deep.equal([d, d]);
  });

  it('caps the visible badge at 99+ while the accessible name keeps the count', async () => {
    const { client } = seeded([{ sessionId: 'seed-1', title: 'Busy chat' }]);
    await client.notifyNewActivity('seed-1', 250);
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(part(options(el)[0], 'badge')!.textContent).to.equal('99+');
    expect(optionNames(el)[0]).to.equal('Busy chat, 250 unread');
  });

  it('on CIF 1.0 explains that sessions need a multisession app (state=unsupported), accessible', async () => {
    const { fake, client } = seeded(threeSessions(), null, 1);
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await el.updateComplete;
    expect(el.state).to.equal('unsupported');
    expect(el.getAttribute('state')).to.equal('unsupported');
    const note = part(el.shadowRoot!, 'unsupported')!;
    expect(note.textContent).to.match(/multisession app \(CIF 2\.0\)/);
    expect(fake.callsOf('getAllSessions')).to.have.length(0);
    expect(el.sessions).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows a load error with a retry that loads again (state=error), accessible', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    fake.reject('getAllSessions', new Map([['message', 'The host is busy']]));
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(el.state).to.equal('error');
    expect(el.getAttribute('state')).to.equal('error');
    const error = part(el.shadowRoot!, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain(defaultSessionListStrings.loadError);
    expect(error.textContent).to.contain('The host is busy');
    await expect(el).to.be.accessible();

    fake.respond('getAllSessions', ['seed-1', 'seed-2', 'seed-3']);
    part(el.shadowRoot!, 'retry')!.click();
    await loaded(el);
    await waitUntil(() => el.state === 'ready');
    await el.updateComplete;
    expect(options(el)).to.have.length(3);
    expect(part(el.shadowRoot!, 'error')).to.equal(null);
  });

  it('a JSON-string rejection is read the same way', async () => {
    const { fake, client } = seeded(threeSessions());
    fake.reject('getAllSessions', JSON.stringify({ message: 'JSON says no', msdyn_name: 'getAllSessions' }));
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(part(el.shadowRoot!, 'error')!.textContent).to.contain('JSON says no');
  });

  it('tolerates individual getSession failures: lists the others, keeps a described-less session by id', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    fake.respond('getAllSessions', ['seed-1', 'seed-2', 'seed-3', 'gone']);
    const inner = (id: string) => {
      if (id === 'seed-2') return Promise.reject(new Map([['message', 'Transient failure']]));
      if (id === 'gone') return Promise.reject(new Map([['message', 'Session gone does not exist']]));
      return new Map<string, unknown>([
        ['sessionId', id],
        ['focused', id === 'seed-1'],
        ['context', { __cifElements: { title: `Title ${id}` } }],
      ]);
    };
    fake.respond('getSession', inner);
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(el.state).to.equal('ready');
    expect(options(el).map((o) => [o.dataset.id, part(o, 'title')!.textContent])).to.deep.equal([
      ['seed-1', 'Title seed-1'],
      ['seed-2', 'Untitled session'],
      ['seed-3', 'Title seed-3'],
    ]);
    expect(selectedIds(el)).to.deep.equal(['seed-1']);
  });

  it('uses the sessions’ own focused flag when getFocusedSession fails', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-3');
    fake.reject('getFocusedSession', new Map([['message', 'nope']]));
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(selectedIds(el)).to.deep.equal(['seed-3']);
  });

  it('replaces every string, including channel labels (merged per key) and formatters', async () => {
    const { client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list
      .client=${client}
      .strings=${{
        label: 'Sitzungen',
        channels: { voice: 'Anruf' },
        formatAge: (ms: number) => `${Math.round(ms / 60_000)} Min.`,
        separator: ' · ',
        ageLabel: (age: string) => `seit ${age}`,
        unreadLabel: (n: number) => `${n} neu`,
      }}
    ></cif-session-list>`);
    await loaded(el);
    expect(el.shadowRoot!.querySelector('[role="listbox"]')!.getAttribute('aria-label')).to.equal('Sitzungen');
    const [a, b] = options(el);
    expect(part(a, 'channel')!.textContent!.trim()).to.equal('Anruf');
    expect(part(b, 'channel')!.textContent!.trim()).to.equal('Chat');
    expect(part(a, 'age')!.textContent).to.equal('3 Min.');
    await client.notifyNewActivity('seed-1', 2);
    await el.updateComplete;
    expect(optionNames(el)[0]).to.equal('Call from Ana · Ana Silva · Anruf · seit 3 Min. · 2 neu');

    el.strings = { empty: 'Keine Sitzungen', unsupported: 'Nur CIF 2.0' };
    const v1 = seeded([], null, 1);
    el.client = v1.client;
    await el.updateComplete;
    expect(part(el.shadowRoot!, 'unsupported')!.textContent).to.equal('Nur CIF 2.0');
    el.client = seeded([]).client;
    await loaded(el);
    expect(part(el.shadowRoot!, 'empty')!.textContent).to.equal('Keine Sitzungen');
  });

  it('formats ages', () => {
    expect(formatSessionAge(0)).to.equal('< 1 min');
    expect(formatSessionAge(-5000)).to.equal('< 1 min');
    expect(formatSessionAge(Number.NaN)).to.equal('< 1 min');
    expect(formatSessionAge(59_999)).to.equal('< 1 min');
    expect(formatSessionAge(60_000)).to.equal('1 min');
    expect(formatSessionAge(59 * 60_000)).to.equal('59 min');
    expect(formatSessionAge(60 * 60_000)).to.equal('1 h');
    expect(formatSessionAge(65 * 60_000)).to.equal('1 h 5 min');
    expect(formatSessionAge(24 * 3_600_000)).to.equal('1 d');
    expect(formatSessionAge(27 * 3_600_000 + 60_000)).to.equal('1 d 3 h');
  });
});

describe('<cif-session-list> hostile text', () => {
  it('renders hostile titles, names and channels as text (no element created, layout holds)', async () => {
    const huge = 'W'.repeat(100_000);
    const { client } = seeded([
      { sessionId: 'seed-1', title: HOSTILE_HTML, customerName: HOSTILE_RTL, channel: '<b>bold</b>' },
      { sessionId: 'seed-2', title: huge, customerName: huge, channel: huge },
      { sessionId: 'seed-3', title: 'normal' },
    ]);
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><cif-session-list .client=${client}></cif-session-list></div>`,
    );
    const el = wrapper.querySelector('cif-session-list')!;
    await loaded(el);
    const [a, b, c] = options(el);
    expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
    expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
    expect(part(a, 'title')!.textContent).to.equal(HOSTILE_HTML);
    expect(part(a, 'customer')!.textContent).to.equal(HOSTILE_RTL);
    expect(part(a, 'channel')!.textContent).to.equal('<b>bold</b>');
    expect(optionNames(el)[0]).to.contain(HOSTILE_HTML);
    expect(part(b, 'title')!.textContent).to.equal(huge);
    // layout holds: the huge row is no wider than the container and not much taller than a normal row
    expect(el.getBoundingClientRect().width).to.equal(320);
    expect(b.getBoundingClientRect().width).to.be.at.most(320);
    expect(b.scrollWidth).to.be.at.most(321);
    expect(b.getBoundingClientRect().height).to.be.at.most(c.getBoundingClientRect().height + 2);
    // bidi isolation: the title and customer spans isolate their text
    expect(getComputedStyle(part(a, 'customer')!).unicodeBidi).to.equal('isolate');
    expect(getComputedStyle(part(a, 'title')!).unicodeBidi).to.equal('isolate');
    await expect(el).to.be.accessible();
  });

  it('renders a hostile error message as text', async () => {
    const { fake, client } = seeded([]);
    fake.reject('getAllSessions', new Map([['message', HOSTILE_HTML]]));
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(part(el.shadowRoot!, 'error')!.textContent).to.contain(HOSTILE_HTML);
  });
});

describe('<cif-session-list> selecting', () => {
  it('a click fires cif-session-select (bubbles, composed, cancelable) and then calls requestFocusSession', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    const calledBefore: number[] = [];
    el.addEventListener('cif-session-select', () => calledBefore.push(fake.callsOf('requestFocusSession').length));
    setTimeout(() => option(el, 'seed-3').click());
    const ev = await oneEvent(el, 'cif-session-select');
    expect(ev.bubbles && ev.composed && ev.cancelable).to.equal(true);
    const detail = ev.detail as CifSessionSelectDetail;
    expect(detail.sessionId).to.equal('seed-3');
    expect(detail.session.sessionId).to.equal('seed-3');
    expect(detail.session.title).to.equal('Email: refund');
    expect(calledBefore).to.deep.equal([0]);
    await waitUntil(() => selectedIds(el)[0] === 'seed-3');
    expect(fake.callsOf('requestFocusSession').map((a) => a[0])).to.deep.equal(['seed-3']);
    expect(selectedIds(el)).to.deep.equal(['seed-3']);
  });

  it('cancelling cif-session-select keeps Dynamics where it is', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    let fired = 0;
    document.addEventListener(
      'cif-session-select',
      (e) => {
        fired++;
        e.preventDefault();
      },
      { once: true },
    );
    option(el, 'seed-2').click();
    await aTimeout(20);
    await el.updateComplete;
    expect(fired).to.equal(1);
    expect(fake.callsOf('requestFocusSession')).to.have.length(0);
    expect(selectedIds(el)).to.deep.equal(['seed-1']);
  });

  it('requestFocusSession rejecting with a Map: error shown, focus mark unchanged, accessible', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    fake.reject(
      'requestFocusSession',
      new Map([
        ['message', 'Focused session is neither the default session nor it belongs to the provider'],
        ['msdyn_name', 'requestFocusSession'],
      ]),
    );
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    option(el, 'seed-2').click();
    await waitUntil(() => part(el.shadowRoot!, 'error'), 'no error shown');
    const error = part(el.shadowRoot!, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain(defaultSessionListStrings.focusError);
    expect(error.textContent).to.contain('neither the default session');
    expect(selectedIds(el)).to.deep.equal(['seed-1']);
    expect(options(el)).to.have.length(3);
    expect(el.state).to.equal('ready');
    await expect(el).to.be.accessible();

    // the next successful switch clears the error
    fake.respond('requestFocusSession', undefined);
    option(el, 'seed-2').click();
    await waitUntil(() => selectedIds(el)[0] === 'seed-2');
    expect(part(el.shadowRoot!, 'error')).to.equal(null);
  });

  it('marks the option busy while the switch is pending', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    let release!: () => void;
    fake.respond('requestFocusSession', () => new Promise<void>((r) => (release = r)));
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    option(el, 'seed-2').click();
    await el.updateComplete;
    expect(option(el, 'seed-2').getAttribute('aria-busy')).to.equal('true');
    release();
    await waitUntil(() => selectedIds(el)[0] === 'seed-2');
    expect(option(el, 'seed-2').hasAttribute('aria-busy')).to.equal(false);
  });
});

describe('<cif-session-list> keyboard', () => {
  async function setup(focused: string | null = 'seed-2') {
    const { fake, client } = seeded(
      [
        ...threeSessions(),
        { sessionId: 'seed-4', title: 'Brand new', customerName: 'Dee' },
        { sessionId: 'seed-5', title: 'Callback', customerName: 'Eve' },
      ],
      focused,
    );
    const wrapper = await fixture<HTMLDivElement>(
      html`<div><button>before</button><cif-session-list .client=${client}></cif-session-list><button>after</button></div>`,
    );
    const el = wrapper.querySelector('cif-session-list')!;
    await loaded(el);
    wrapper.querySelector('button')!.focus();
    return { fake, client, el, wrapper };
  }

  it('is one tab stop: Tab lands on the focused session, Tab again leaves the list', async () => {
    const { el, wrapper } = await setup('seed-2');
    expect(options(el).filter((o) => o.tabIndex === 0).map((o) => o.dataset.id)).to.deep.equal(['seed-2']);
    await sendKeys({ press: 'Tab' });
    expect(focusedOptionId(el)).to.equal('seed-2');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(wrapper.querySelectorAll('button')[1]);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusedOptionId(el)).to.equal('seed-2');
  });

  it('Tab lands on the first session when none is focused', async () => {
    const { el } = await setup(null);
    await sendKeys({ press: 'Tab' });
    expect(focusedOptionId(el)).to.equal('seed-1');
  });

  it('arrows, Home, End, PageUp/PageDown move focus without wrapping; the tab stop follows', async () => {
    const { el } = await setup('seed-2');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedOptionId(el)).to.equal('seed-3');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedOptionId(el)).to.equal('seed-1');
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedOptionId(el)).to.equal('seed-1');
    await sendKeys({ press: 'End' });
    expect(focusedOptionId(el)).to.equal('seed-5');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedOptionId(el)).to.equal('seed-5');
    await sendKeys({ press: 'Home' });
    expect(focusedOptionId(el)).to.equal('seed-1');
    await sendKeys({ press: 'PageDown' });
    expect(focusedOptionId(el)).to.equal('seed-5');
    await sendKeys({ press: 'PageUp' });
    expect(focusedOptionId(el)).to.equal('seed-1');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(options(el).filter((o) => o.tabIndex === 0).map((o) => o.dataset.id)).to.deep.equal(['seed-2']);
    // moving does not switch sessions
    expect(selectedIds(el)).to.deep.equal(['seed-2']);
  });

  it('Enter selects: cif-session-select then requestFocusSession, focus mark moves', async () => {
    const { el, fake } = await setup('seed-2');
    const seen: string[] = [];
    el.addEventListener('cif-session-select', (e) => seen.push(e.detail.sessionId));
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => selectedIds(el)[0] === 'seed-3');
    expect(seen).to.deep.equal(['seed-3']);
    expect(fake.callsOf('requestFocusSession').map((a) => a[0])).to.deep.equal(['seed-3']);
    expect(focusedOptionId(el)).to.equal('seed-3');
  });

  it('Space selects too (and does not scroll the page)', async () => {
    const { el, fake } = await setup('seed-2');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: ' ' });
    await waitUntil(() => selectedIds(el)[0] === 'seed-1');
    expect(fake.callsOf('requestFocusSession').map((a) => a[0])).to.deep.equal(['seed-1']);
  });

  it('type-ahead moves to the next title or customer starting with the typed text', async () => {
    const { el } = await setup('seed-1');
    await sendKeys({ press: 'Tab' });
    expect(focusedOptionId(el)).to.equal('seed-1');
    await sendKeys({ press: 'b' });
    expect(focusedOptionId(el)).to.equal('seed-2'); // "Billing chat"
    await sendKeys({ press: 'b' });
    expect(focusedOptionId(el)).to.equal('seed-4'); // "Brand new"
    await aTimeout(800);
    await sendKeys({ type: 'eve' });
    expect(focusedOptionId(el)).to.equal('seed-5'); // customer "Eve"
    await aTimeout(800);
    await sendKeys({ press: 'z' });
    expect(focusedOptionId(el)).to.equal('seed-5'); // no match: stays
  });

  it('when the session with keyboard focus closes, focus moves to its neighbour', async () => {
    const { el, fake } = await setup('seed-2');
    await sendKeys({ press: 'Tab' });
    expect(focusedOptionId(el)).to.equal('seed-2');
    await fake.raise('onSessionClosed', { sessionId: 'seed-2', context: {} });
    await el.updateComplete;
    await waitUntil(() => focusedOptionId(el) === 'seed-3', 'focus did not move to the neighbour');
    await sendKeys({ press: 'ArrowUp' });
    expect(focusedOptionId(el)).to.equal('seed-1');
    // the last row goes away while focused: focus lands on the empty message, not on <body>
    for (const id of ['seed-3', 'seed-4', 'seed-5']) await fake.raise('onSessionClosed', { sessionId: id, context: {} });
    await fake.raise('onSessionClosed', { sessionId: 'seed-1', context: {} });
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.activeElement === part(el.shadowRoot!, 'empty'), 'focus was lost');
  });
});

describe('<cif-session-list> age timer', () => {
  it('runs one shared 30 s timer only while lists are connected, and refreshes the ages', async () => {
    const realSet = window.setInterval;
    const realClear = window.clearInterval;
    const live = new Map<number, () => void>();
    window.setInterval = ((fn: () => void, ms?: number) => {
      const id = realSet(fn, ms);
      if (ms === 30_000) live.set(id, fn);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      if (id !== undefined) live.delete(id);
      realClear(id);
    }) as typeof window.clearInterval;
    try {
      const { client } = seeded([{ sessionId: 'seed-1', title: 'Young', startedAt: Date.now() - 59_700 }]);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><cif-session-list .client=${client}></cif-session-list><cif-session-list></cif-session-list></div>`,
      );
      const [el, other] = wrapper.querySelectorAll('cif-session-list');
      await loaded(el);
      expect(live.size).to.equal(1);
      expect(part(options(el)[0], 'age')!.textContent).to.equal('< 1 min');
      await aTimeout(400);
      [...live.values()][0]();
      await el.updateComplete;
      expect(part(options(el)[0], 'age')!.textContent).to.equal('1 min');
      other.remove();
      expect(live.size).to.equal(1);
      el.remove();
      expect(live.size).to.equal(0);
    } finally {
      window.setInterval = realSet;
      window.clearInterval = realClear;
    }
  });
});

describe('<cif-session-list> following the fake CIF library', () => {
  it('onSessionSwitched (two events, either order) moves the focused mark; a switch to a foreign session clears it', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    await fake.raise('onSessionSwitched', { sessionId: 'seed-1', focused: false, context: {} });
    await fake.raise('onSessionSwitched', { sessionId: 'seed-2', focused: true, context: {} });
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal(['seed-2']);
    // new one first, then old one
    await fake.raise('onSessionSwitched', { sessionId: 'seed-3', focused: true, context: {} });
    await fake.raise('onSessionSwitched', { sessionId: 'seed-2', focused: false, context: {} });
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal(['seed-3']);
    expect(el.sessions.filter((s) => s.focused).map((s) => s.sessionId)).to.deep.equal(['seed-3']);
    // focus goes to another provider's session: only "focused: false" for ours
    await fake.raise('onSessionSwitched', { sessionId: 'seed-3', focused: false, context: {} });
    await el.updateComplete;
    expect(selectedIds(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('onSessionClosed removes the session and announces it', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    await fake.raise('onSessionClosed', { sessionId: 'seed-1', context: {} });
    await el.updateComplete;
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal(['seed-2', 'seed-3']);
    expect(selectedIds(el)).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal('Session closed: Call from Ana');
    await fake.raise('onSessionClosed', { sessionId: 'unknown', context: {} });
    await fake.raise('onSessionClosed', { sessionId: 'seed-2', context: {} });
    await fake.raise('onSessionClosed', { sessionId: 'seed-3', context: {} });
    await el.updateComplete;
    expect(el.state).to.equal('empty');
    await expect(el).to.be.accessible();
  });

  it('follows sessions created, retitled and notified through the client', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    const id = await client.createSession({ templateName: 'msdyn_chat_session', customerName: 'Nia Okafor', channel: 'sms' });
    await el.updateComplete;
    const row = option(el, id);
    expect(part(row, 'title')!.textContent).to.equal('Nia Okafor');
    expect(part(row, 'channel')!.textContent!.trim()).to.equal('SMS');
    expect(part(row, 'age')!.textContent).to.equal('< 1 min');
    expect(options(el).at(-1)).to.equal(row);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal('New session: Nia Okafor');

    await client.setSessionTitle({ sessionId: id, title: 'Refund for Nia' });
    await el.updateComplete;
    expect(part(option(el, id), 'title')!.textContent).to.equal('Refund for Nia');

    await client.notifyNewActivity(id, 2);
    await el.updateComplete;
    expect(part(option(el, id), 'badge')!.textContent).to.equal('2');

    // focusing the session (here: CIF says so) clears its count
    await fake.raise('onSessionSwitched', { sessionId: id, focused: true, context: {} });
    await el.updateComplete;
    expect(part(option(el, id), 'badge')).to.equal(null);
    expect(selectedIds(el)).to.deep.equal([id]);
  });

  it('an update for a session the list does not know adds no row', async () => {
    const { client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    await client.notifyNewActivity('someone-else', 3);
    await el.updateComplete;
    expect(options(el)).to.have.length(3);
  });

  it('merges events that arrive while the sessions load', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    fake.respond('getAllSessions', async () => {
      await gate;
      return ['seed-1', 'seed-2', 'seed-3'];
    });
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    expect(el.state).to.equal('loading');
    await fake.raise('onSessionClosed', { sessionId: 'seed-1', context: {} });
    await fake.raise('onSessionSwitched', { sessionId: 'seed-3', focused: true, context: {} });
    const created = await client.createSession({ templateName: 't', customerName: 'Late Comer' });
    // the client knows nothing of seed-2 yet: its event carries the count but no title
    await client.notifyNewActivity('seed-2', 5);
    release();
    await loaded(el);
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal(['seed-2', 'seed-3', created]);
    expect(selectedIds(el)).to.deep.equal(['seed-3']);
    expect(part(option(el, 'seed-2'), 'title')!.textContent).to.equal('Billing chat');
    expect(part(option(el, 'seed-2'), 'customer')!.textContent).to.equal('Bo Chen');
    expect(part(option(el, 'seed-2'), 'badge')!.textContent).to.equal('5');
    expect(part(option(el, created), 'title')!.textContent).to.equal('Late Comer');
  });

  it('batches a burst of events into one render', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    let renders = 0;
    const original = el.render.bind(el);
    el.render = () => {
      renders++;
      return original();
    };
    for (let i = 0; i < 20; i++) {
      await client.setSessionTitle({ sessionId: 'seed-2', title: `title ${i}` });
      await fake.raise('onSessionSwitched', { sessionId: i % 2 ? 'seed-2' : 'seed-3', focused: true, context: {} });
    }
    await el.updateComplete;
    expect(renders).to.be.at.most(2);
    expect(part(option(el, 'seed-2'), 'title')!.textContent).to.equal('title 19');
    expect(selectedIds(el)).to.deep.equal(['seed-2']);
  });

  it('reload() reads the sessions again without dropping the list meanwhile', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    fake.respond('getAllSessions', ['seed-3']);
    const pending = el.reload();
    expect(el.state).to.equal('ready');
    await pending;
    await el.updateComplete;
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal(['seed-3']);
  });

  it('a failed refresh keeps the list and shows the error with a retry above it', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    fake.reject('getAllSessions', new Map([['message', 'Refresh failed']]));
    await el.reload();
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(options(el)).to.have.length(3);
    const error = part(el.shadowRoot!, 'error')!;
    expect(error.textContent).to.contain(defaultSessionListStrings.loadError);
    expect(error.textContent).to.contain('Refresh failed');
    await expect(el).to.be.accessible();
    fake.respond('getAllSessions', ['seed-1', 'seed-2']);
    part(el.shadowRoot!, 'retry')!.click();
    await waitUntil(() => options(el).length === 2);
    expect(part(el.shadowRoot!, 'error')).to.equal(null);
  });

  it('the sessions snapshot is read-only', async () => {
    const { client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(Object.isFrozen(el.sessions[0])).to.equal(true);
    expect(() => {
      (el.sessions as CifSession[]).push(el.sessions[0]);
    }).to.throw();
    expect(el.sessions).to.have.length(3);
  });

  it('a new client replaces the list', async () => {
    const first = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${first.client}></cif-session-list>`);
    await loaded(el);
    const second = seeded([{ sessionId: 'other-1', title: 'Other' }]);
    el.client = second.client;
    await loaded(el);
    await waitUntil(() => options(el).length === 1);
    expect(el.client).to.equal(second.client);
    expect(options(el)[0].dataset.id).to.equal('other-1');
    expect(first.client.listenerCount()).to.equal(0);
    expect(first.fake.handlerCount()).to.equal(0);
  });

  it('leaves no listener on the client nor handler on CIF after removal; re-adding resubscribes', async () => {
    const { fake, client } = seeded(threeSessions(), 'seed-1');
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await loaded(el);
    expect(client.listenerCount()).to.equal(4);
    expect(fake.handlerCount('onSessionSwitched')).to.equal(1);
    expect(fake.handlerCount('onSessionClosed')).to.equal(1);
    const parent = el.parentElement!;
    el.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(fake.handlerCount()).to.equal(0);
    parent.append(el);
    await loaded(el);
    expect(client.listenerCount()).to.equal(4);
    await fake.raise('onSessionClosed', { sessionId: 'seed-2', context: {} });
    await el.updateComplete;
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal(['seed-1', 'seed-3']);
    el.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(fake.handlerCount()).to.equal(0);
  });

  it('a v1 client leaves no handler either', async () => {
    const fake = createFakeCIFramework({ version: 1 });
    const client = new CifFrameworkClient(fake, { version: 1 });
    const el = await fixture<CifSessionList>(html`<cif-session-list .client=${client}></cif-session-list>`);
    await el.updateComplete;
    expect(el.state).to.equal('unsupported');
    el.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(fake.handlerCount()).to.equal(0);
  });
});
