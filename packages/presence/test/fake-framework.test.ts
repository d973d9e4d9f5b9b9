import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework, installFakeCIFramework } from '@cif-elements/client/testing';
import type { CifPresence } from '../src/index.js';
import { deferred, fakeClient, parts, recordChanges, renderWith, settle } from './helpers.js';
import type { ChangeEvent } from './helpers.js';

const summary = (events: ChangeEvent[]) =>
  events.map((e) => `${e.detail.source}:${e.detail.presence.presenceText}${e.detail.reverted ? ':reverted' : ''}`);

describe('<cif-presence> with a fake Microsoft.CIFramework (CIF 2.0)', () => {
  it('reads the current presence with getPresence and fires a dynamics event for it', async () => {
    const { fake, client } = fakeClient();
    fake.respond('getPresence', 'Busy - Do not disturb');
    const events: ChangeEvent[] = [];
    const el = await fixture<CifPresence>(html`<cif-presence
      .client=${client}
      @cif-presence-change=${(e: ChangeEvent) => events.push(e)}
    ></cif-presence>`);
    await settle(el);
    expect(fake.callsOf('getPresence')).to.have.length(1);
    expect(el.value).to.equal('busy-dnd');
    expect(parts(el).label.textContent).to.equal('Busy - Do not disturb');
    expect(summary(events)).to.deep.equal(['dynamics:Busy - Do not disturb']);
    expect(events[0].cancelable).to.be.false;
    expect(parts(el).button.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('shows "loading" with aria-busy while getPresence is on its way', async () => {
    const { fake, client } = fakeClient();
    const answer = deferred<string>();
    fake.respond('getPresence', () => answer.promise);
    const el = await renderWith(client);
    expect(parts(el).button.getAttribute('aria-busy')).to.equal('true');
    expect(parts(el).label.textContent).to.equal('Loading…');
    await expect(el).to.be.accessible();
    answer.resolve('Away');
    await waitUntil(() => el.value === 'away');
    await settle(el);
    expect(parts(el).button.getAttribute('aria-busy')).to.equal('false');
  });

  it('a presence text Dynamics knows but the list does not is shown as is', async () => {
    const { fake, client } = fakeClient();
    fake.respond('getPresence', 'onVoiceCall');
    const el = await renderWith(client);
    expect(el.value).to.equal('onVoiceCall');
    expect(parts(el).label.textContent).to.equal('onVoiceCall');
    expect(parts(el).options.some((o) => o.getAttribute('aria-checked') === 'true')).to.be.false;
  });

  it('getPresence resolving "FAILED" shows an error but stays usable', async () => {
    const { fake, client } = fakeClient();
    fake.respond('getPresence', 'FAILED');
    const el = await renderWith(client);
    const p = parts(el);
    expect(p.error).to.not.equal(null);
    expect(p.error!.getAttribute('role')).to.equal('alert');
    expect(p.error!.textContent).to.contain('Dynamics 365 could not load your presence ("Unknown")');
    expect(p.error!.textContent).to.contain('Omnichannel agent role');
    expect(p.button.getAttribute('aria-describedby')).to.equal('error');
    expect(el.error?.code).to.equal('rejected');
    expect(el.value).to.equal('');
    expect(p.label.textContent).to.equal('Unknown');
    await expect(el).to.be.accessible();
    el.show();
    await settle(el);
    await expect(el).to.be.accessible();
    parts(el).options[1].click();
    await waitUntil(() => el.value === 'busy');
    expect(fake.callsOf('setPresence')).to.deep.equal([['Busy']]);
    await settle(el);
    expect(parts(el).error).to.equal(null);
  });

  it('compact: the error is visually hidden but still announced and describes the button', async () => {
    const { fake, client } = fakeClient();
    fake.respond('getPresence', 'FAILED');
    const el = await renderWith(client, { compact: true });
    const p = parts(el);
    expect(p.error!.getAttribute('role')).to.equal('alert');
    expect(p.error!.textContent).to.contain('Dynamics 365 could not load your presence ("Unknown")');
    expect(p.error!.textContent).to.contain('Omnichannel agent role');
    expect(p.button.getAttribute('aria-describedby')).to.equal('error');
    const box = p.error!.getBoundingClientRect();
    expect(box.width).to.be.at.most(1);
    expect(box.height).to.be.at.most(1);
    el.compact = false;
    await settle(el);
    expect(parts(el).error!.getBoundingClientRect().height).to.be.greaterThan(1);
  });

  it('setPresence resolving false reverts, shows the error and fires the revert', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    expect(el.value).to.equal('available');
    const events = recordChanges(el);
    fake.respond('setPresence', false);
    expect(await el.select('Busy')).to.be.false;
    await settle(el);
    expect(el.value).to.equal('available');
    expect(parts(el).label.textContent).to.equal('Available');
    const error = parts(el).error!;
    expect(error.textContent).to.contain('Could not change your presence to Busy.');
    expect(el.error?.code).to.equal('rejected');
    expect(summary(events)).to.deep.equal(['agent:Busy', 'agent:Available:reverted']);
    expect(events[0].cancelable).to.be.true;
    expect(events[1].cancelable).to.be.false;
    expect(events[1].detail.previous?.presenceText).to.equal('Busy');
    expect(events[1].detail.error?.code).to.equal('rejected');
    await expect(el).to.be.accessible();
    // it recovers: the next accepted change clears the error
    fake.respond('setPresence', true);
    expect(await el.select('Away')).to.be.true;
    await settle(el);
    expect(parts(el).error).to.equal(null);
    expect(el.value).to.equal('away');
  });

  it('setPresence rejecting with a JSON string shows CIF’s message', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    fake.reject('setPresence', JSON.stringify({ message: 'Presence service <b>down</b>', msdyn_name: 'setPresence' }));
    expect(await el.select('Away')).to.be.false;
    await settle(el);
    expect(el.value).to.equal('available');
    expect(parts(el).error!.textContent).to.contain('Presence service <b>down</b>');
    expect(parts(el).error!.querySelector('b')).to.equal(null);
  });

  it('setPresence rejecting with a Map shows CIF’s message', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    fake.reject('setPresence', new Map([['message', 'Map says no'], ['msdyn_name', 'setPresence']]));
    expect(await el.select('offline')).to.be.false;
    await settle(el);
    expect(el.value).to.equal('available');
    expect(parts(el).error!.textContent).to.contain('Map says no');
    expect(parts(el).error!.textContent).to.contain('Could not change your presence to Offline.');
  });

  it('while a write is in flight: pending presence shown, aria-busy, re-entry refused, then committed', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    const events = recordChanges(el);
    const answer = deferred<boolean>();
    fake.respond('setPresence', () => answer.promise);
    const first = el.select('Away');
    await settle(el);
    const p = parts(el);
    expect(p.button.getAttribute('aria-busy')).to.equal('true');
    expect(p.button.getAttribute('aria-disabled')).to.equal('true');
    expect(p.button.getAttribute('aria-label')).to.equal('Presence: changing to Away');
    expect(p.label.textContent).to.equal('Away');
    expect(el.busy).to.be.true;
    expect(el.value).to.equal('available');
    await expect(el).to.be.accessible();
    expect(await el.select('Busy')).to.be.false;
    p.button.click();
    await settle(el);
    expect(el.open).to.be.false;
    answer.resolve(true);
    expect(await first).to.be.true;
    await settle(el);
    expect(el.value).to.equal('away');
    expect(parts(el).button.getAttribute('aria-busy')).to.equal('false');
    expect(fake.callsOf('setPresence')).to.deep.equal([['Away']]);
    expect(summary(events)).to.deep.equal(['agent:Away']);
  });

  it('cancelling the agent event writes nothing to CIF', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    el.addEventListener('cif-presence-change', (e) => e.preventDefault(), { once: true });
    expect(await el.select('Busy')).to.be.false;
    expect(fake.callsOf('setPresence')).to.have.length(0);
    expect(el.value).to.equal('available');
    expect(await el.select('Busy')).to.be.true;
    expect(fake.callsOf('setPresence')).to.deep.equal([['Busy']]);
  });

  it('follows onPresenceChange with {presenceInfo:{…}} (a GUID id is matched by text)', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    const events = recordChanges(el);
    await fake.raise('onPresenceChange', {
      presenceInfo: {
        presenceId: '0f4b0e2c-6a4b-4e55-9d43-5d5d6c1e0a11',
        presenceText: 'Away',
        presenceColor: '#FFAA44',
        basePresenceStatus: 'AWAY',
      },
    });
    await settle(el);
    expect(el.value).to.equal('away');
    expect(parts(el).label.textContent).to.equal('Away');
    expect(summary(events)).to.deep.equal(['dynamics:Away']);
    expect(events[0].cancelable).to.be.false;
    expect(events[0].detail.previous?.presenceText).to.equal('Available');
    expect(parts(el).status.textContent!.trim()).to.equal('Presence changed in Dynamics 365 to Away');
  });

  it('follows setPresenceEvent with only {presenceId} (looked up in presences by id)', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    const events = recordChanges(el);
    await fake.raise('setPresenceEvent', { presenceId: 'busy' });
    await settle(el);
    expect(el.value).to.equal('busy');
    expect(summary(events)).to.deep.equal(['dynamics:Busy']);
  });

  it('an unknown id-only presence shows as unknown; an unlisted presenceInfo shows its text and a safe colour', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    const events = recordChanges(el);
    await fake.raise('onPresenceChange', { presenceId: 'no-such-presence' });
    await settle(el);
    expect(el.value).to.equal('no-such-presence');
    expect(parts(el).label.textContent).to.equal('Unknown');
    await fake.raise('onPresenceChange', {
      presenceInfo: {
        presenceId: 'x1',
        presenceText: '<img src=x onerror=alert(1)>',
        presenceColor: 'red;background:url(//evil.example)',
        basePresenceStatus: 'BUSY',
      },
    });
    await settle(el);
    expect(parts(el).label.textContent).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(parts(el).dot.style.getPropertyValue('--cif-presence-dot-color')).to.equal('var(--cif-presence-color-busy)');
    expect(events.map((e) => e.detail.presence.presenceId)).to.deep.equal(['no-such-presence', 'x1']);
  });

  it('a Dynamics echo of the presence being written fires no dynamics event', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    const events = recordChanges(el);
    const answer = deferred<boolean>();
    fake.respond('setPresence', () => answer.promise);
    const done = el.select('Busy');
    await settle(el);
    await fake.raise('onPresenceChange', { presenceInfo: { presenceId: 'busy', presenceText: 'Busy' } });
    answer.resolve(true);
    expect(await done).to.be.true;
    await fake.raise('setPresenceEvent', { presenceInfo: { presenceId: 'busy', presenceText: 'Busy' } });
    await settle(el);
    expect(el.value).to.equal('busy');
    expect(summary(events)).to.deep.equal(['agent:Busy']);
  });

  it('a different Dynamics change during a write is announced, and the accepted write wins', async () => {
    const { fake, client } = fakeClient();
    const el = await renderWith(client);
    const events = recordChanges(el);
    const answer = deferred<boolean>();
    fake.respond('setPresence', () => answer.promise);
    const done = el.select('Busy');
    await settle(el);
    await fake.raise('onPresenceChange', { presenceInfo: { presenceId: 'away', presenceText: 'Away' } });
    await settle(el);
    expect(el.value).to.equal('away');
    answer.resolve(true);
    expect(await done).to.be.true;
    await settle(el);
    expect(el.value).to.equal('busy');
    expect(summary(events)).to.deep.equal(['agent:Busy', 'dynamics:Away', 'agent:Busy']);
  });

  it('a late getPresence answer does not overwrite a newer change', async () => {
    const { fake, client } = fakeClient();
    const answer = deferred<string>();
    fake.respond('getPresence', () => answer.promise);
    const el = await renderWith(client);
    await fake.raise('onPresenceChange', { presenceInfo: { presenceId: 'away', presenceText: 'Away' } });
    await settle(el);
    answer.resolve('Offline');
    await settle(el);
    await settle(el);
    expect(el.value).to.equal('away');
    expect(parts(el).button.getAttribute('aria-busy')).to.equal('false');
  });

  it('a CIF build without the presence API works locally and shows no error', async () => {
    const { fake, client } = fakeClient(2, { withoutPresence: true });
    const el = await renderWith(client);
    expect(parts(el).error).to.equal(null);
    const events = recordChanges(el);
    expect(await el.select('Busy')).to.be.true;
    await settle(el);
    expect(el.value).to.equal('busy');
    expect(parts(el).error).to.equal(null);
    expect(summary(events)).to.deep.equal(['agent:Busy']);
    expect(fake.calls.some((c) => c.method === 'setPresence' || c.method === 'getPresence')).to.be.false;
  });

  it('leaves no listener on the client or handler on CIF after removal (and none on the document)', async () => {
    const { fake, client } = fakeClient();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const origAdd = document.addEventListener;
    const origRemove = document.removeEventListener;
    document.addEventListener = function (this: Document, type: string, fn: unknown, ...rest: unknown[]) {
      if (type === 'pointerdown') added.push(fn);
      return origAdd.call(this, type, fn as EventListener, ...(rest as [boolean]));
    } as typeof document.addEventListener;
    document.removeEventListener = function (this: Document, type: string, fn: unknown, ...rest: unknown[]) {
      if (type === 'pointerdown') removed.push(fn);
      return origRemove.call(this, type, fn as EventListener, ...(rest as [boolean]));
    } as typeof document.removeEventListener;
    try {
      const el = await renderWith(client);
      expect(client.listenerCount('presencechanged')).to.equal(1);
      expect(fake.handlerCount('onPresenceChange')).to.equal(1);
      expect(fake.handlerCount('setPresenceEvent')).to.equal(1);
      el.show();
      await settle(el);
      expect(added).to.have.length(1);
      el.remove();
      await settle(el);
      expect(client.listenerCount()).to.equal(0);
      expect(fake.handlerCount()).to.equal(0);
      expect(removed).to.include(added[0]);
      expect(el.open).to.be.false;
      // a removed element ignores Dynamics
      await fake.raise('onPresenceChange', { presenceInfo: { presenceId: 'away', presenceText: 'Away' } });
      expect(el.value).to.equal('available');
      // and re-attaching subscribes (and reads) again
      document.body.append(el);
      await settle(el);
      expect(client.listenerCount()).to.equal(1);
      expect(fake.callsOf('getPresence')).to.have.length(2);
      el.remove();
      expect(client.listenerCount()).to.equal(0);
      expect(fake.handlerCount()).to.equal(0);
    } finally {
      document.addEventListener = origAdd;
      document.removeEventListener = origRemove;
    }
  });

  it('works through <cif-provider> with the fake installed as window.Microsoft.CIFramework', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    fake.respond('getPresence', 'Away');
    const uninstall = installFakeCIFramework(fake);
    try {
      await import('@cif-elements/core');
      const provider = await fixture(html`<cif-provider cif-version="2"><cif-presence></cif-presence></cif-provider>`);
      const el = provider.querySelector('cif-presence') as CifPresence;
      await waitUntil(() => el.value === 'away', 'presence read through the provider');
      expect(await el.select('Busy')).to.be.true;
      expect(fake.callsOf('setPresence')).to.deep.equal([['Busy']]);
      provider.remove();
      await settle(el);
      expect(fake.handlerCount()).to.equal(0);
    } finally {
      uninstall();
    }
  });
});

describe('<cif-presence> on CIF 1.0', () => {
  it('works locally: no CIF call, still fires the agent event, no error, accessible', async () => {
    const fake = createFakeCIFramework({ version: 1 });
    const client = new CifFrameworkClient(fake, { version: 1 });
    const el = await fixture<CifPresence>(html`<cif-presence .client=${client} value="available"></cif-presence>`);
    await settle(el);
    const events = recordChanges(el);
    expect(parts(el).error).to.equal(null);
    expect(parts(el).button.getAttribute('aria-busy')).to.equal('false');
    await expect(el).to.be.accessible();
    el.show();
    await settle(el);
    await expect(el).to.be.accessible();
    parts(el).options[2].click();
    await settle(el);
    expect(el.value).to.equal('busy-dnd');
    expect(summary(events)).to.deep.equal(['agent:Busy - Do not disturb']);
    expect(events[0].cancelable).to.be.true;
    expect(parts(el).error).to.equal(null);
    expect(fake.calls.filter((c) => c.method !== 'addHandler' && c.method !== 'removeHandler')).to.deep.equal([]);
    await expect(el).to.be.accessible();
    el.remove();
    expect(client.listenerCount()).to.equal(0);
    expect(fake.handlerCount()).to.equal(0);
  });
});
