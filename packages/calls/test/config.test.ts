import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';
import type { CifIncomingCall } from '../src/index.js';

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
