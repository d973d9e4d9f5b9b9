import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CifCallFlow, CifIncomingCall, CifWrapUp } from '../src/index.js';

describe('calls elements: configuration values', () => {
  it('<cif-incoming-call timeout="abc"> warns and keeps 30 s instead of never timing out', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const el = await fixture<CifIncomingCall>(html`<cif-incoming-call timeout="abc"></cif-incoming-call>`);
      expect(el.timeout).to.equal(30);
      expect(warnings.join('\n')).to.contain('timeout="abc"');
      el.setAttribute('timeout', '0');
      expect(el.timeout).to.equal(0);
    } finally {
      console.warn = warn;
    }
  });
});

describe('calls elements: enumerated and numeric attributes with a typo (issue #12 item 3)', () => {
  async function withWarnings<T>(fn: (warnings: string[]) => Promise<T>): Promise<T> {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      return await fn(warnings);
    } finally {
      console.warn = warn;
    }
  }

  it('<cif-call-flow screen-pop="sometimes" multiple-matches="first"> warns and uses the defaults', async () => {
    await withWarnings(async (warnings) => {
      const el = await fixture<CifCallFlow>(html`<cif-call-flow screen-pop="sometimes" multiple-matches="first"></cif-call-flow>`);
      expect(el.screenPop).to.equal('accept');
      expect(el.multipleMatches).to.equal('search');
      expect(warnings.join('\n')).to.contain('screen-pop="sometimes"').and.to.contain('multiple-matches="first"');
      el.setAttribute('screen-pop', 'never');
      await el.updateComplete;
      expect(el.screenPop).to.equal('never');
    });
  });

  it('<cif-wrap-up> pending-count="abc", log-state and retry-state typos fall back with a warning', async () => {
    await withWarnings(async (warnings) => {
      const el = await fixture<CifWrapUp>(html`<cif-wrap-up pending-count="abc" log-state="done" retry-state="later"></cif-wrap-up>`);
      expect(el.pendingCount).to.equal(0);
      expect(el.logState).to.equal('idle');
      expect(el.retryState).to.equal('idle');
      expect(el.getAttribute('log-state')).to.equal('idle');
      const all = warnings.join('\n');
      expect(all).to.contain('pending-count="abc"').and.to.contain('log-state="done"').and.to.contain('retry-state="later"');
      expect(el.shadowRoot!.textContent).to.not.contain('NaN');
      el.setAttribute('pending-count', '3');
      expect(el.pendingCount).to.equal(3);
    });
  });

  it('<cif-incoming-call lookup="maybe"> warns and shows no lookup state', async () => {
    await withWarnings(async (warnings) => {
      const el = await fixture<CifIncomingCall>(html`<cif-incoming-call lookup="maybe"></cif-incoming-call>`);
      expect(el.lookup).to.equal('idle');
      expect(warnings.join('\n')).to.contain('lookup="maybe"');
    });
  });
});
