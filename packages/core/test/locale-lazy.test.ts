// A file of its own: each test file runs in a fresh page, so the resource list shows what this test loaded.
import { expect, fixture, html } from '@open-wc/testing';
import { CifFrameworkClient } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import type { CifProvider } from '../src/index.js';
import '../src/index.js';

const packs = () =>
  performance
    .getEntriesByType('resource')
    .map((r) => r.name)
    .filter((n) => /\/src\/locales\//.test(n));

describe('locale packs load lazily', () => {
  it('an English page downloads no pack; a Japanese provider downloads the Japanese pack only', async () => {
    const client = () => new CifFrameworkClient(createFakeCIFramework({ version: 2 }), { version: 2 });
    const en = await fixture<CifProvider>(html`<cif-provider .client=${client()}></cif-provider>`);
    await en.updateComplete;
    expect(packs(), 'packs loaded by an English page').to.deep.equal([]);

    const ja = await fixture<CifProvider>(html`<cif-provider locale="ja" .client=${client()}></cif-provider>`);
    await ja.updateComplete;
    expect((ja as unknown as { s: { retry: string } }).s.retry).to.equal('再試行');
    const loaded = packs();
    expect(loaded.length, loaded.join(', ')).to.equal(1);
    expect(loaded[0]).to.match(/\/core\/src\/locales\/ja\.ts/);
  });
});
