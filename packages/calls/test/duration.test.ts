import { expect, fixture, html } from '@open-wc/testing';
import { formatDuration } from '@cif-elements/core';
import '../src/index.js';
import type { CifWrapUp } from '../src/index.js';

describe('<cif-wrap-up> duration', () => {
  it('shows the same 05:03 as the dialer for the same call (one format, from core)', async () => {
    const el = await fixture<CifWrapUp>(html`<cif-wrap-up></cif-wrap-up>`);
    el.call = { callId: 'c1', direction: 'outgoing', number: '+14255550100', active: false, durationSeconds: 303, lookup: 'idle' } as CifWrapUp['call'];
    await el.updateComplete;
    const shown = el.shadowRoot!.querySelector('[part~="duration"]')!.textContent!;
    expect(shown).to.contain(formatDuration(303));
    expect(shown).to.contain('05:03');
  });
});
