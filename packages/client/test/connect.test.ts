import { expect } from '@open-wc/testing';
import { CifError } from '../src/errors.js';
import { connectCif, crmUrlFromLocation, detectCifVersion, loadCifLibrary } from '../src/connect.js';
import { createFakeCIFramework, installFakeCIFramework } from '../src/testing/index.js';

const fixtures = new URL('./fixtures/', import.meta.url).href.replace(/\/$/, '');
const w = window as unknown as Record<string, unknown>;

function reset(): void {
  delete (window as Window).Microsoft;
  document.querySelectorAll('script[data-cifid="CIFMainLibrary"]').forEach((s) => s.remove());
  delete w.__cifConsoleApp;
}

async function rejectionOf(p: Promise<unknown>): Promise<CifError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(CifError);
    return e as CifError;
  }
  throw new Error('expected a rejection');
}

describe('connectCif / loadCifLibrary', () => {
  beforeEach(reset);
  afterEach(reset);

  it('injects the library from <crmUrl>/webresources/Widget/msdyn_ciLibrary.js with data-cifid and data-crmurl', async () => {
    const client = await connectCif({ crmUrl: `${fixtures}/working`, timeoutMs: 3000 });
    const script = document.querySelector<HTMLScriptElement>('script[data-cifid="CIFMainLibrary"]')!;
    expect(script.src).to.equal(`${fixtures}/working/webresources/Widget/msdyn_ciLibrary.js`);
    expect(script.dataset.crmurl).to.equal(location.origin);
    expect(w.__cifLibraryCrmUrl).to.equal(location.origin);
    expect(client.kind).to.equal('live');
    expect(client.version).to.equal(1);
    expect(await client.getClickToAct()).to.equal(true);
  });

  it('detects CIF 2.0 with isConsoleApp(), and a forced version wins', async () => {
    w.__cifConsoleApp = true;
    expect((await connectCif({ crmUrl: `${fixtures}/working` })).version).to.equal(2);
    expect((await connectCif({ version: 1 })).version).to.equal(1);
  });

  it('uses Microsoft.CIFramework already on the page without loading anything', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    const uninstall = installFakeCIFramework(fake);
    try {
      const client = await connectCif({ timeoutMs: 50 });
      expect(client.version).to.equal(2);
      expect(document.querySelector('script[data-cifid]')).to.equal(null);
    } finally {
      uninstall();
    }
  });

  it('rejects with init-timeout when the library never sends CIFInitDone', async () => {
    const err = await rejectionOf(loadCifLibrary({ crmUrl: `${fixtures}/silent`, timeoutMs: 300 }));
    expect(err.code).to.equal('init-timeout');
    expect(err.method).to.equal('init');
    expect(w.__silentCifLoaded).to.equal(true);
  });

  it('rejects with library-load-failed when the script 404s', async () => {
    const err = await rejectionOf(loadCifLibrary({ crmUrl: `${fixtures}/missing`, timeoutMs: 3000 }));
    expect(err.code).to.equal('library-load-failed');
    expect(err.message).to.contain('msdyn_ciLibrary.js');
  });

  it('a retry after a failed load injects a fresh script and fails fast, not with init-timeout', async () => {
    const first = await rejectionOf(loadCifLibrary({ crmUrl: `${fixtures}/missing`, timeoutMs: 3000 }));
    expect(first.code).to.equal('library-load-failed');
    // The failed script is not left behind for the next attempt to wait on.
    expect(document.querySelectorAll('script[data-cifid="CIFMainLibrary"]').length).to.equal(0);
    const started = performance.now();
    const again = await rejectionOf(loadCifLibrary({ crmUrl: `${fixtures}/missing`, timeoutMs: 3000 }));
    expect(again.code).to.equal('library-load-failed');
    expect(performance.now() - started).to.be.below(2500);
  });

  it('a changed crm-url after a failed load loads the new library', async () => {
    await rejectionOf(loadCifLibrary({ crmUrl: `${fixtures}/missing`, timeoutMs: 3000 }));
    const fw = await loadCifLibrary({ crmUrl: `${fixtures}/working`, timeoutMs: 3000 });
    expect(fw).to.equal(window.Microsoft!.CIFramework);
    const scripts = document.querySelectorAll<HTMLScriptElement>('script[data-cifid="CIFMainLibrary"]');
    expect(scripts.length).to.equal(1);
    expect(scripts[0]!.src).to.contain('/working/');
  });

  it('a retry after init-timeout injects the library again instead of waiting on the silent one', async () => {
    await rejectionOf(loadCifLibrary({ crmUrl: `${fixtures}/silent`, timeoutMs: 200 }));
    const fw = await loadCifLibrary({ crmUrl: `${fixtures}/working`, timeoutMs: 3000 });
    expect(typeof fw.getMode).to.equal('function');
    expect(document.querySelectorAll('script[data-cifid="CIFMainLibrary"]').length).to.equal(1);
  });

  it('a crm-url of another org replaces the library this module loaded; the same org reuses it', async () => {
    const a = await loadCifLibrary({ crmUrl: `${fixtures}/working`, timeoutMs: 3000 });
    expect(await loadCifLibrary({ crmUrl: `${fixtures}/working`, timeoutMs: 3000 })).to.equal(a);
    const b = await loadCifLibrary({ crmUrl: `${fixtures}/other`, timeoutMs: 3000 });
    expect(b).not.to.equal(a);
    expect(w.__cifLibraryCrmUrl).to.equal(location.origin);
    expect(document.querySelector<HTMLScriptElement>('script[data-cifid="CIFMainLibrary"]')!.src).to.contain('/other/');
  });

  it('rejects with no-library when there is nothing to load from', async () => {
    expect((await rejectionOf(loadCifLibrary({ timeoutMs: 50 }))).code).to.equal('no-library');
  });

  it('rejects a crm-url that is not http(s) as invalid-argument', async () => {
    expect((await rejectionOf(loadCifLibrary({ crmUrl: 'javascript:alert(1)' }))).code).to.equal('invalid-argument');
    expect((await rejectionOf(loadCifLibrary({ crmUrl: 'not a url' }))).code).to.equal('invalid-argument');
    expect(document.querySelector('script[data-cifid]')).to.equal(null);
  });

  it('can be aborted', async () => {
    const ac = new AbortController();
    const p = loadCifLibrary({ crmUrl: `${fixtures}/silent`, timeoutMs: 5000, signal: ac.signal });
    ac.abort();
    expect((await rejectionOf(p)).code).to.equal('disposed');
  });

  it('reads the org URL from ucilib or base query parameters', () => {
    expect(crmUrlFromLocation('https://w.example/?ucilib=https://org.crm.dynamics.com/webresources/Widget/msdyn_ciLibrary.js')).to.equal(
      'https://org.crm.dynamics.com',
    );
    expect(crmUrlFromLocation('https://w.example/?base=https://org2.crm4.dynamics.com')).to.equal('https://org2.crm4.dynamics.com');
    expect(crmUrlFromLocation('https://w.example/')).to.equal(undefined);
  });

  it('detectCifVersion: missing, rejecting or hanging isConsoleApp means 1.0', async () => {
    const fake = createFakeCIFramework({ version: 2 });
    expect(await detectCifVersion(fake)).to.equal(2);
    fake.reject('isConsoleApp', 'nope');
    expect(await detectCifVersion(fake)).to.equal(1);
    fake.hang('isConsoleApp');
    expect(await detectCifVersion(fake, 30)).to.equal(1);
    expect(await detectCifVersion({ ...fake, isConsoleApp: undefined })).to.equal(1);
  });
});
