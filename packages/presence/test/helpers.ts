import { aTimeout, fixture, html } from '@open-wc/testing';
import { CifFrameworkClient } from '@cif-elements/client';
import type { CifClient, CifPresenceInfo } from '@cif-elements/client';
import { createFakeCIFramework } from '@cif-elements/client/testing';
import type { FakeCIFramework } from '@cif-elements/client/testing';
import '../src/index.js';
import type { CifPresenceChangeDetail, CifPresence } from '../src/index.js';

export type ChangeEvent = CustomEvent<CifPresenceChangeDetail>;

/** Shadow-DOM lookups of one element. */
export function parts(el: CifPresence) {
  const root = el.shadowRoot!;
  return {
    button: root.querySelector<HTMLButtonElement>('[part~="button"]')!,
    dot: root.querySelector<HTMLElement>('[part~="dot"]')!,
    label: root.querySelector<HTMLElement>('[part~="label"]')!,
    menu: root.querySelector<HTMLElement>('[part~="menu"]')!,
    options: [...root.querySelectorAll<HTMLElement>('[part~="option"]')],
    error: root.querySelector<HTMLElement>('[part~="error"]'),
    status: root.querySelector<HTMLElement>('[role="status"]')!,
    active: root.activeElement as HTMLElement | null,
  };
}

/** Lets the element render and run the focus moves that follow a render. */
export async function settle(el: CifPresence): Promise<void> {
  await el.updateComplete;
  await aTimeout(0);
  await el.updateComplete;
}

/** Collects every `cif-presence-change` the element fires. */
export function recordChanges(el: CifPresence): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  el.addEventListener('cif-presence-change', (e) => events.push(e));
  return events;
}

/** A fake `Microsoft.CIFramework` and a client over it. */
export function fakeClient(version: 1 | 2 = 2, options: { withoutPresence?: boolean } = {}) {
  const fake: FakeCIFramework = createFakeCIFramework({ version, ...options });
  const client: CifClient = new CifFrameworkClient(fake, { version });
  return { fake, client };
}

/** Renders `<cif-presence>` with an injected client (or none). */
export async function renderWith(
  client: CifClient | undefined,
  extra: { presences?: readonly CifPresenceInfo[]; compact?: boolean } = {},
): Promise<CifPresence> {
  const el = await fixture<CifPresence>(html`<cif-presence
    .client=${client}
    ?compact=${extra.compact ?? false}
  ></cif-presence>`);
  if (extra.presences) el.presences = extra.presences;
  await settle(el);
  return el;
}

/** A promise with its resolve function, for answers the test releases itself. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
