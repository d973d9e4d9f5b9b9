import { expect, fixture, html, oneEvent, waitUntil, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { CifError } from '@cif-elements/client';
import '../src/index.js';
import { CIF_CLICK_TO_ACT_STRINGS, CifClickToAct } from '../src/index.js';
import { deferred, fakeClient, idle, parts, ready } from './helpers.js';

describe('<cif-click-to-act> switch (fake Microsoft.CIFramework)', () => {
  it('registers the tag from the package entry', () => {
    expect(customElements.get('cif-click-to-act')).to.equal(CifClickToAct);
    expect(document.createElement('cif-click-to-act')).to.be.instanceOf(CifClickToAct);
  });

  it('renders a labelled, described switch that reflects getClickToAct', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    expect(p.switch.tagName).to.equal('BUTTON');
    expect(p.switch.getAttribute('role')).to.equal('switch');
    expect(p.switch.getAttribute('aria-checked')).to.equal('true');
    expect(p.switch.disabled).to.equal(false);
    expect(p.switch.hasAttribute('aria-disabled')).to.equal(false);
    expect(p.label.textContent).to.equal('Click-to-dial');
    // The org-wide note is the switch's description.
    expect(p.switch.getAttribute('aria-describedby')!.split(' ')).to.include('description');
    expect(p.description.id).to.equal('description');
    expect(p.description.textContent).to.match(/org-wide/i);
    expect(p.description.textContent).to.match(/every agent/i);
    expect(fake.callsOf('getClickToAct')).to.have.length(1);
    expect(el.checked).to.equal(true);
    expect(el.hasAttribute('checked')).to.equal(true);
    expect(el.getAttribute('state')).to.equal('ready');
    expect(el.hasAttribute('busy')).to.equal(false);
    expect(el.error).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('shows off when CIF says off (as a boolean or the string "false")', async () => {
    const { fake, client } = fakeClient();
    fake.respond('getClickToAct', 'false');
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    expect(parts(el).switch.getAttribute('aria-checked')).to.equal('false');
    expect(el.checked).to.equal(false);
    expect(el.hasAttribute('checked')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('is busy (aria-disabled, status text) while reading the setting', async () => {
    const { fake, client } = fakeClient();
    const read = deferred<boolean>();
    fake.respond('getClickToAct', () => read.promise);
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    const p = parts(el);
    expect(el.state).to.equal('loading');
    expect(el.busy).to.equal(true);
    expect(el.getAttribute('state')).to.equal('loading');
    expect(el.hasAttribute('busy')).to.equal(true);
    expect(p.switch.getAttribute('aria-disabled')).to.equal('true');
    expect(p.status.textContent).to.equal(CIF_CLICK_TO_ACT_STRINGS.loading);
    expect(p.switch.getAttribute('aria-describedby')!.split(' ')).to.include('status');
    await expect(el).to.be.accessible();
    // Clicks while loading do nothing.
    p.switch.click();
    expect(await el.toggle()).to.equal(false);
    expect(fake.callsOf('setClickToAct')).to.have.length(0);
    read.resolve(false);
    await ready(el);
    expect(p.switch.getAttribute('aria-checked')).to.equal('false');
    expect(p.switch.hasAttribute('aria-disabled')).to.equal(false);
    expect(p.status.textContent).to.equal('');
  });

  it('writes setClickToAct when clicked and fires cif-click-to-act-change', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    const changed = oneEvent(el, 'cif-click-to-act-change');
    p.switch.click();
    const e = await changed;
    expect(e.detail).to.deep.equal({ enabled: false });
    expect(e.bubbles).to.equal(true);
    expect(e.composed).to.equal(true);
    expect(e.cancelable).to.equal(false);
    await idle(el);
    expect(fake.callsOf('setClickToAct')).to.deep.equal([[false]]);
    expect(p.switch.getAttribute('aria-checked')).to.equal('false');
    expect(el.hasAttribute('checked')).to.equal(false);
    p.switch.click();
    await idle(el);
    expect(fake.callsOf('setClickToAct')).to.deep.equal([[false], [true]]);
    expect(p.switch.getAttribute('aria-checked')).to.equal('true');
    expect(el.hasAttribute('checked')).to.equal(true);
  });

  it('shows the change at once, stays focused and ignores clicks while the write is in flight', async () => {
    const { fake, client } = fakeClient();
    const write = deferred<void>();
    fake.respond('setClickToAct', () => write.promise);
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    p.switch.focus();
    p.switch.click();
    await el.updateComplete;
    expect(el.state).to.equal('writing');
    expect(el.getAttribute('state')).to.equal('writing');
    expect(el.hasAttribute('busy')).to.equal(true);
    expect(p.switch.getAttribute('aria-checked')).to.equal('false');
    expect(p.switch.getAttribute('aria-disabled')).to.equal('true');
    // aria-disabled, not disabled: the keyboard user's focus is not thrown away.
    expect(p.switch.disabled).to.equal(false);
    expect(p.root.activeElement).to.equal(p.switch);
    expect(p.status.textContent).to.equal(CIF_CLICK_TO_ACT_STRINGS.writing);
    await expect(el).to.be.accessible();
    p.switch.click();
    expect(await el.setEnabled(true)).to.equal(false);
    expect(await el.refresh()).to.equal(false);
    expect(fake.callsOf('setClickToAct')).to.have.length(1);
    write.resolve(undefined);
    await idle(el);
    expect(el.state).to.equal('ready');
    expect(p.switch.getAttribute('aria-checked')).to.equal('false');
    expect(p.switch.hasAttribute('aria-disabled')).to.equal(false);
  });

  it('reverts and shows why when setClickToAct rejects with a JSON string', async () => {
    const { fake, client } = fakeClient();
    fake.reject(
      'setClickToAct',
      JSON.stringify({ message: 'You need write access to the channel provider', msdyn_name: 'setClickToAct' }),
      { once: true },
    );
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    let changes = 0;
    el.addEventListener('cif-click-to-act-change', () => changes++);
    p.switch.click();
    await idle(el);
    expect(p.switch.getAttribute('aria-checked')).to.equal('true');
    expect(el.checked).to.equal(true);
    const error = parts(el).error!;
    expect(error).to.exist;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain(CIF_CLICK_TO_ACT_STRINGS.writeError);
    expect(error.textContent).to.contain('You need write access to the channel provider');
    expect(p.switch.getAttribute('aria-describedby')!.split(' ')).to.include('error');
    expect(parts(el).retry).to.equal(null);
    expect(el.error).to.be.instanceOf(CifError);
    expect(el.error!.method).to.equal('setClickToAct');
    expect(el.error!.code).to.equal('rejected');
    expect(changes).to.equal(0);
    expect(p.switch.disabled).to.equal(false);
    await expect(el).to.be.accessible();
    // The next try works and clears the error.
    p.switch.click();
    await idle(el);
    expect(p.switch.getAttribute('aria-checked')).to.equal('false');
    expect(parts(el).error).to.equal(null);
    expect(el.error).to.equal(undefined);
    expect(changes).to.equal(1);
  });

  it('reverts and shows why when setClickToAct rejects with a Map', async () => {
    const { fake, client } = fakeClient();
    fake.respond('getClickToAct', false);
    fake.reject('setClickToAct', new Map([['message', 'Denied by the host (Map)'], ['msdyn_name', 'setClickToAct']]));
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    expect(await el.setEnabled(true)).to.equal(false);
    await el.updateComplete;
    expect(p.switch.getAttribute('aria-checked')).to.equal('false');
    expect(parts(el).error!.textContent).to.contain('Denied by the host (Map)');
    expect(el.error!.message).to.equal('Denied by the host (Map)');
    await expect(el).to.be.accessible();
  });

  it('shows the error and stays usable when getClickToAct rejects; Try again reads again', async () => {
    const { fake, client } = fakeClient();
    fake.reject('getClickToAct', new Map([['message', 'Timeout occurred as no response was received from listener window']]), {
      once: true,
    });
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    const error = parts(el).error!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain(CIF_CLICK_TO_ACT_STRINGS.readError);
    expect(error.textContent).to.contain('Timeout occurred');
    expect(el.error!.code).to.equal('timeout');
    expect(el.error!.method).to.equal('getClickToAct');
    expect(p.switch.disabled).to.equal(false);
    expect(p.switch.hasAttribute('aria-disabled')).to.equal(false);
    expect(p.switch.getAttribute('aria-checked')).to.equal('false');
    await expect(el).to.be.accessible();
    const retry = parts(el).retry!;
    expect(retry.textContent).to.equal(CIF_CLICK_TO_ACT_STRINGS.retry);
    retry.click();
    await ready(el);
    expect(fake.callsOf('getClickToAct')).to.have.length(2);
    expect(parts(el).error).to.equal(null);
    expect(p.switch.getAttribute('aria-checked')).to.equal('true');
  });

  it('lets the agent turn it on after a failed read (JSON-string rejection)', async () => {
    const { fake, client } = fakeClient();
    fake.reject('getClickToAct', JSON.stringify({ message: 'Host unavailable' }));
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    expect(parts(el).error!.textContent).to.contain('Host unavailable');
    parts(el).switch.click();
    await idle(el);
    expect(fake.callsOf('setClickToAct')).to.deep.equal([[true]]);
    expect(parts(el).switch.getAttribute('aria-checked')).to.equal('true');
    expect(parts(el).error).to.equal(null);
  });

  it('renders a hostile error message as text', async () => {
    const { fake, client } = fakeClient();
    const hostile = '<img src=x onerror="window.__pwned=1">';
    fake.reject('setClickToAct', JSON.stringify({ message: hostile }));
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    await el.toggle();
    await el.updateComplete;
    expect(parts(el).root.querySelector('img')).to.equal(null);
    expect(parts(el).root.querySelector('.error-message')!.textContent).to.equal(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('toggles with Space and Enter from the keyboard', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    await sendKeys({ press: 'Tab' });
    expect(p.root.activeElement).to.equal(p.switch);
    await sendKeys({ press: ' ' });
    await idle(el);
    expect(p.switch.getAttribute('aria-checked')).to.equal('false');
    await sendKeys({ press: 'Enter' });
    await idle(el);
    expect(p.switch.getAttribute('aria-checked')).to.equal('true');
    expect(fake.callsOf('setClickToAct')).to.deep.equal([[false], [true]]);
    expect(p.root.activeElement).to.equal(p.switch);
  });

  it('focus() moves focus to the switch', async () => {
    const { client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    el.focus();
    expect(parts(el).root.activeElement).to.equal(parts(el).switch);
  });

  it('toggle(), setEnabled() and refresh() drive CIF from code', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    expect(await el.toggle()).to.equal(true);
    expect(el.checked).to.equal(false);
    expect(await el.setEnabled(true)).to.equal(true);
    expect(el.checked).to.equal(true);
    expect(fake.callsOf('setClickToAct')).to.deep.equal([[false], [true]]);
    // Another agent turned it off: refresh() picks it up.
    fake.respond('getClickToAct', false);
    expect(await el.refresh()).to.equal(true);
    await el.updateComplete;
    expect(el.checked).to.equal(false);
    expect(parts(el).switch.getAttribute('aria-checked')).to.equal('false');
  });

  it('the disabled attribute blocks the agent, not the code', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act disabled .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    expect(el.disabled).to.equal(true);
    expect(p.switch.disabled).to.equal(true);
    p.switch.click();
    await aTimeout(0);
    expect(fake.callsOf('setClickToAct')).to.have.length(0);
    await expect(el).to.be.accessible();
    expect(await el.setEnabled(false)).to.equal(true);
    expect(fake.callsOf('setClickToAct')).to.deep.equal([[false]]);
    el.disabled = false;
    await el.updateComplete;
    expect(el.hasAttribute('disabled')).to.equal(false);
    expect(p.switch.disabled).to.equal(false);
  });

  it('the checked attribute is output only (the property is controlled, see below)', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    expect(el.checked).to.equal(true);
    el.removeAttribute('checked');
    el.requestUpdate();
    await el.updateComplete;
    expect(el.checked).to.equal(true);
    expect(el.hasAttribute('checked')).to.equal(true);
    expect(fake.callsOf('setClickToAct')).to.have.length(0);
  });

  it('takes its label from the label attribute or strings, and all text from strings', async () => {
    const { client } = fakeClient();
    const el = await fixture<CifClickToAct>(
      html`<cif-click-to-act
        .client=${client}
        .strings=${{ label: 'Click-to-call', description: 'Applies to the whole organisation.', retry: 'Retry' }}
      ></cif-click-to-act>`,
    );
    await ready(el);
    expect(parts(el).label.textContent).to.equal('Click-to-call');
    expect(parts(el).description.textContent).to.equal('Applies to the whole organisation.');
    el.label = 'Klick zum Wählen';
    await el.updateComplete;
    expect(parts(el).label.textContent).to.equal('Klick zum Wählen');
    expect(el.getAttribute('label')).to.equal(null);
    el.setAttribute('label', 'Appel en un clic');
    await el.updateComplete;
    expect(parts(el).label.textContent).to.equal('Appel en un clic');
  });

  it('compact keeps the description as the accessible description and the tooltip', async () => {
    const { client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act compact .client=${client}></cif-click-to-act>`);
    await ready(el);
    const p = parts(el);
    expect(el.compact).to.equal(true);
    expect(p.switch.title).to.equal(CIF_CLICK_TO_ACT_STRINGS.description);
    expect(p.description.classList.contains('visually-hidden')).to.equal(true);
    expect(p.switch.getAttribute('aria-describedby')!.split(' ')).to.include('description');
    await expect(el).to.be.accessible();
    el.compact = false;
    await el.updateComplete;
    expect(el.hasAttribute('compact')).to.equal(false);
    expect(p.switch.hasAttribute('title')).to.equal(false);
  });

  it('works on CIF 1.0 (click-to-act exists there)', async () => {
    const { fake, client } = fakeClient(1);
    fake.respond('getClickToAct', false);
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    expect(el.checked).to.equal(false);
    parts(el).switch.click();
    await idle(el);
    expect(fake.callsOf('setClickToAct')).to.deep.equal([[true]]);
    expect(el.checked).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('mirrors the thumb in RTL', async () => {
    const { fake, client } = fakeClient();
    fake.respond('getClickToAct', false);
    const wrap = await fixture<HTMLDivElement>(html`<div style="--cif-duration-fast: 0s">
      <cif-click-to-act dir="ltr" .client=${client}></cif-click-to-act>
      <cif-click-to-act dir="rtl" .client=${client}></cif-click-to-act>
    </div>`);
    const [ltr, rtl] = [...wrap.querySelectorAll('cif-click-to-act')];
    await ready(ltr);
    await ready(rtl);
    /** Thumb centre relative to the track centre: < 0 left of it, > 0 right of it. */
    const offset = (el: CifClickToAct) => {
      const t = parts(el).track.getBoundingClientRect();
      const h = parts(el).thumb.getBoundingClientRect();
      return h.left + h.width / 2 - (t.left + t.width / 2);
    };
    expect(offset(ltr)).to.be.below(0);
    expect(offset(rtl)).to.be.above(0);
    // The track comes before the label in reading order: left in LTR, right in RTL.
    expect(parts(rtl).track.getBoundingClientRect().left).to.be.above(parts(rtl).label.getBoundingClientRect().left);
    fake.respond('getClickToAct', true);
    await ltr.refresh();
    await rtl.refresh();
    await ltr.updateComplete;
    await rtl.updateComplete;
    await waitUntil(() => offset(ltr) > 0 && offset(rtl) < 0, 'thumbs did not move to the inline end');
    await expect(rtl).to.be.accessible();
  });
});

describe('<cif-click-to-act> checked as a controlled property', () => {
  it('setting checked writes the change to CIF (org-wide) once CIF’s value is known; equal values write nothing', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    expect(el.checked).to.equal(true);
    el.checked = true;
    expect(fake.callsOf('setClickToAct')).to.deep.equal([]);
    const changed = oneEvent(el, 'cif-click-to-act-change');
    el.checked = false;
    expect((await changed).detail).to.deep.equal({ enabled: false });
    expect(fake.callsOf('setClickToAct')).to.deep.equal([[false]]);
    expect(el.checked).to.equal(false);
    await el.updateComplete;
    expect(parts(el).switch.getAttribute('aria-checked')).to.equal('false');
  });

  it('a refused write reverts checked to what CIF has', async () => {
    const { fake, client } = fakeClient();
    const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client}></cif-click-to-act>`);
    await ready(el);
    fake.reject('setClickToAct', new Map([['message', 'No write privilege on msdyn_channelprovider']]));
    el.checked = false;
    await waitUntil(() => !el.busy);
    expect(el.checked).to.equal(true);
    expect(el.error!.message).to.contain('No write privilege');
  });

  it('a value bound before CIF’s value is known is ignored (a binding default never switches the org off)', async () => {
    const { fake, client } = fakeClient();
    const gate = deferred<boolean>();
    fake.respond('getClickToAct', () => gate.promise);
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...a: unknown[]) => warnings.push(a.map(String).join(' '));
    try {
      const el = await fixture<CifClickToAct>(html`<cif-click-to-act .client=${client} .checked=${false}></cif-click-to-act>`);
      el.checked = true; // differs from the unknown (false) value: ignored until CIF has answered
      gate.resolve(true);
      await ready(el);
      expect(el.checked).to.equal(true);
      expect(fake.callsOf('setClickToAct')).to.deep.equal([]);
      expect(warnings.join('\n')).to.contain('ignored');
    } finally {
      console.warn = warn;
    }
  });
});
