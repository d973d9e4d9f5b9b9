// Renders every story of the catalog the way Storybook does — args (meta, then story), globals, loaders,
// decorators (the project's theme/direction wrapper included), render, play — into a fixture, waits until
// the elements have settled, and runs axe on it. It also checks that each stories file covers the states
// its element has, that each story's state tags are true of what it rendered, and that the stories' args
// are the element's real attributes and properties from custom-elements.json.
//
// Storybook's own runtime (composeStories) is not used: it imports CommonJS packages that web-test-runner
// does not load without a CommonJS plugin. The stories import only types from Storybook.
import { expect, nextFrame, waitUntil } from '@open-wc/testing';
import { nothing, render } from 'lit';
import type { LitElement } from 'lit';
import type { CifClient } from '@cif-elements/client';
import type { Decorator, Loader, Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import * as project from '../../.storybook/cif-decorators.js';
import { CIF_LOCALES, PSEUDO_OPEN } from '@cif-elements/core';
import * as callsStories from '../calls.stories.js';
import * as clickToActStories from '../click-to-act.stories.js';
import * as dialerStories from '../dialer.stories.js';
import * as presenceStories from '../presence.stories.js';
import * as providerStories from '../provider.stories.js';
import * as sessionListStories from '../session-list.stories.js';
import * as widgetStories from '../widget.stories.js';
import type { SimulatedPair } from '../support.js';

type AnyArgs = Record<string, unknown>;
type AnyMeta = Meta<AnyArgs>;
type AnyStory = StoryObj<AnyArgs>;
type StoriesModule = { default: unknown } & Record<string, unknown>;

/** Every stories file, by element (stories/<name>.stories.ts). */
const FILES: Record<string, StoriesModule> = {
  provider: providerStories,
  'click-to-act': clickToActStories,
  dialer: dialerStories,
  presence: presenceStories,
  'session-list': sessionListStories,
  calls: callsStories,
  widget: widgetStories,
};

/**
 * The states each element has (issue #5: idle, in call, errors, v1 vs v2, dark, RTL, compact), as story
 * tags. `not-connected` is the idle state of an element with no client; `idle` is the dialer's idle call.
 */
const REQUIRED: Record<string, string[]> = {
  provider: ['v2', 'v1', 'error', 'dark', 'rtl'],
  'click-to-act': ['not-connected', 'v2', 'v1', 'error', 'compact', 'dark', 'rtl'],
  dialer: ['idle', 'in-call', 'v2', 'v1', 'error', 'compact', 'dark', 'rtl'],
  presence: ['not-connected', 'v2', 'v1', 'error', 'open', 'compact', 'dark', 'rtl'],
  'session-list': ['not-connected', 'empty', 'v2', 'v1', 'error', 'compact', 'dark', 'rtl'],
  calls: ['not-connected', 'idle', 'in-call', 'v2', 'v1', 'error', 'compact', 'dark', 'rtl'],
  widget: ['idle', 'in-call', 'v2', 'v1', 'error', 'compact', 'dark', 'rtl'],
};

/** State tags a story may have beyond the required ones. */
const OPTIONAL_TAGS = ['pseudo'];
const STATE_TAGS = new Set([...Object.values(REQUIRED).flat(), ...OPTIONAL_TAGS]);
/** Tags Storybook itself knows. */
const STORYBOOK_TAGS = new Set(['autodocs', '!autodocs', 'dev', '!dev', 'test', '!test', 'manifest']);

const IN_CALL = new Set(['dialing', 'ringing', 'connected', 'held']);

/** The story exports of a CSF module (named exports other than `default` and `__namedExportsOrder`). */
function storiesOf(mod: StoriesModule): Array<[string, AnyStory]> {
  return Object.entries(mod)
    .filter(([name]) => name !== 'default' && name !== '__namedExportsOrder')
    .map(([name, story]) => [name, story as AnyStory]);
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

const tagsOf = (meta: AnyMeta, story: AnyStory): string[] => [...list(meta.tags), ...list(story.tags)];

/** Renders a story as Storybook does, into `canvas`; resolves after its play function. */
async function runStory(meta: AnyMeta, story: AnyStory, exportName: string, canvas: HTMLElement): Promise<StoryContext> {
  const args: AnyArgs = { ...meta.args, ...story.args };
  const globals = { ...project.initialGlobals, ...meta.globals, ...story.globals };
  const context = {
    id: `${meta.title}--${exportName}`,
    name: story.name ?? exportName,
    title: meta.title,
    component: meta.component,
    tags: tagsOf(meta, story),
    args,
    initialArgs: { ...args },
    argTypes: {},
    globals,
    parameters: { ...meta.parameters, ...story.parameters },
    loaded: {},
    viewMode: 'story',
    canvasElement: canvas,
    abortSignal: new AbortController().signal,
  } as unknown as StoryContext;
  const loaders = [...list(meta.loaders as Loader | Loader[]), ...list(story.loaders as Loader | Loader[])];
  const results = await Promise.all(loaders.map((load) => load(context)));
  context.loaded = Object.assign({}, ...results);

  const renderStory = story.render ?? meta.render;
  if (!renderStory) throw new Error(`${exportName}: no render function`);
  const decorators = [
    ...list(story.decorators as Decorator | Decorator[]),
    ...list(meta.decorators as Decorator | Decorator[]),
    ...project.decorators,
  ];
  let storyFn = (ctx: StoryContext) => renderStory(ctx.args, ctx);
  for (const decorator of decorators) {
    const inner = storyFn;
    storyFn = (ctx) => decorator((update) => inner(update ? ({ ...ctx, ...update } as StoryContext) : ctx), ctx);
  }
  render(storyFn(context), canvas);
  if (story.play) await story.play(context);
  return context;
}

/** Every cif-* element in `root`, including those inside shadow roots. */
function cifElements(root: ParentNode): Array<LitElement & { client?: CifClient }> {
  const out: Array<LitElement & { client?: CifClient }> = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.localName.startsWith('cif-')) out.push(el as LitElement & { client?: CifClient });
    if (el.shadowRoot) out.push(...cifElements(el.shadowRoot));
  }
  return out;
}

/** Whether an element is still connecting, reading or writing. */
function isBusy(el: Element): boolean {
  const state = el.getAttribute('state');
  if (state === 'connecting' || state === 'loading' || state === 'writing') return true;
  if (el.hasAttribute('busy')) return true;
  return !!el.shadowRoot?.querySelector('[aria-busy="true"]');
}

/** Waits until every element is defined, rendered, idle and has no pending update. */
async function settle(canvas: HTMLElement): Promise<void> {
  await waitUntil(
    () => cifElements(canvas).every((el) => customElements.get(el.localName) && el.shadowRoot && !isBusy(el)),
    'the story did not settle (an element stayed connecting, loading or busy)',
    { timeout: 4000 },
  );
  for (const el of cifElements(canvas)) await el.updateComplete;
  await nextFrame();
}

/** `[role=alert]` elements with text, in light DOM and every shadow root. */
function alerts(root: ParentNode): Element[] {
  const out = [...root.querySelectorAll('[role="alert"]')].filter((a) => a.textContent!.trim() !== '');
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...alerts(el.shadowRoot));
  return out;
}

function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/**
 * Visible text in the elements' shadow roots that the pseudo-locale did not touch: text with Latin letters
 * and no ⟦ ⟧ mark that is not data (names, numbers, presence names come from Dynamics and stay as they are).
 */
function unlocalizedText(root: ParentNode, data: readonly string[] = DATA_TEXT): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (!el.shadowRoot) continue;
    const walker = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent!.trim();
      const parent = walker.currentNode.parentElement;
      if (!text || !/[A-Za-z]/.test(text) || text.includes(PSEUDO_OPEN) || !parent || parent.closest('style')) continue;
      if (data.some((d) => text.includes(d))) continue;
      if (parent.getClientRects().length === 0) continue; // not rendered
      out.push(text);
    }
    out.push(...unlocalizedText(el.shadowRoot, data));
  }
  return out;
}

/** Data the simulated host and the stories show as is, in every locale. */
const DATA_TEXT = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Billing chat', 'Email: refund request', 'Available', 'Busy', 'Away', 'Do not disturb', 'Offline', 'Dynamics 365', 'Contoso'];

/** Whether any rendered part of a shadow root sticks out of `box` sideways, or clips its own text. */
function overflowIn(root: ParentNode, box: DOMRect): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('*')) {
    if (el.shadowRoot) out.push(...overflowIn(el.shadowRoot, box));
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || el.closest('style')) continue;
    const name = `${(el.getRootNode() as ShadowRoot).host?.localName ?? ''} ${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}`;
    if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${name} sticks out (${Math.round(r.left)}..${Math.round(r.right)} of ${Math.round(box.left)}..${Math.round(box.right)})`);
    const style = getComputedStyle(el);
    if (style.overflowX !== 'visible' && style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && !/\d/.test(el.textContent ?? '')) {
      if (!DATA_TEXT.some((d) => el.textContent!.includes(d))) out.push(`${name} clips "${el.textContent!.trim().slice(0, 40)}"`);
    }
  }
  return out;
}

/** What a state tag promises about the rendered story; an error message when it is not true. */
function checkTag(tag: string, canvas: HTMLElement, meta: AnyMeta): string | undefined {
  const els = cifElements(canvas);
  const wrapper = canvas.querySelector<HTMLElement>('.cif-story');
  const dialers = els.filter((e) => e.localName === 'cif-dialer') as Array<HTMLElementTagNameMap['cif-dialer']>;
  const versions = els.map((e) => e.client?.version).filter((v) => v !== undefined);
  switch (tag) {
    case 'dark':
      return wrapper?.dataset.cifTheme === 'dark' && luminance(getComputedStyle(wrapper).backgroundColor) < 0.3
        ? undefined
        : 'the story is not on a dark surface';
    case 'rtl':
      return els.length && els.every((e) => getComputedStyle(e).direction === 'rtl') ? undefined : 'not every element is right-to-left';
    case 'error':
      return alerts(canvas).length ? undefined : 'no role="alert" with text';
    case 'v1':
      return versions.includes(1) ? undefined : 'no element has a CIF 1.0 client';
    case 'v2':
      return versions.includes(2) ? undefined : 'no element has a CIF 2.0 client';
    case 'not-connected': {
      const mains = els.filter((e) => e.localName === meta.component);
      return mains.length && mains.every((e) => !e.client) ? undefined : `a ${meta.component} has a client`;
    }
    case 'in-call':
      return dialers.some((d) => IN_CALL.has(d.callState)) ? undefined : 'no dialer is in a call';
    case 'idle':
      return dialers.length && dialers.every((d) => d.callState === 'idle' || d.callState === 'ended') ? undefined : 'a dialer is in a call';
    case 'compact':
      return els.some((e) => e.hasAttribute('compact') || /--cif-[\w-]+\s*:/.test(e.getAttribute('style') ?? ''))
        ? undefined
        : 'no element is compact (attribute or --cif-* sizes)';
    case 'open': {
      const open = els.filter((e) => e.localName === 'cif-presence' && e.hasAttribute('open'));
      return open.some((e) => e.shadowRoot!.querySelector<HTMLElement>('[role="menu"]')?.hidden === false) ? undefined : 'no open menu';
    }
    case 'pseudo': {
      const plain = unlocalizedText(canvas);
      return plain.length ? `text not localized: ${JSON.stringify(plain.slice(0, 5))}` : undefined;
    }
    case 'empty':
      return els.some((e) => e.localName === 'cif-session-list' && e.getAttribute('state') === 'empty') ? undefined : 'no empty list';
    default:
      return `unknown state tag "${tag}"`;
  }
}

/** A tag's API in custom-elements.json, the manifest the catalog's controls are built from. */
interface TagApi {
  /** Public attributes and fields. */
  names: Set<string>;
  /** Attributes backed by a property (settable): the stories must have a control for each. */
  settable: string[];
}

/** Attributes that reflect a state the element owns although a property backs them. */
const OUTPUT_ATTRIBUTES = new Set(['cif-provider:state']);

let manifest: Promise<Map<string, TagApi>> | undefined;
function manifestApi(): Promise<Map<string, TagApi>> {
  manifest ??= fetch('/custom-elements.json')
    .then((r) => r.json())
    .then((json: {
      modules: Array<{
        declarations?: Array<{
          tagName?: string;
          attributes?: Array<{ name: string; fieldName?: string }>;
          members?: Array<{ kind: string; name: string; privacy?: string; static?: boolean }>;
        }>;
      }>;
    }) => {
      const api = new Map<string, TagApi>();
      for (const mod of json.modules) {
        for (const d of mod.declarations ?? []) {
          if (!d.tagName) continue;
          const attributes = d.attributes ?? [];
          const names = new Set(attributes.map((a) => a.name));
          for (const m of d.members ?? []) if (m.kind === 'field' && !m.privacy && !m.static) names.add(m.name);
          const settable = attributes
            .filter((a) => a.fieldName && !OUTPUT_ATTRIBUTES.has(`${d.tagName}:${a.name}`))
            .map((a) => a.name);
          api.set(d.tagName, { names, settable });
        }
      }
      return api;
    });
  return manifest;
}

describe('stories', () => {
  let errors: string[] = [];
  const onError = (e: ErrorEvent) => errors.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => errors.push(`unhandled rejection: ${String(e.reason)}`);
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  for (const [file, mod] of Object.entries(FILES)) {
    const meta = mod.default as AnyMeta;
    const stories = storiesOf(mod);

    describe(`${file}.stories.ts (${meta.title})`, () => {
      it(`has a story for every state: ${REQUIRED[file]!.join(', ')}`, () => {
        const covered = new Set(stories.flatMap(([, s]) => tagsOf(meta, s)));
        expect(REQUIRED[file]!.filter((t) => !covered.has(t)), 'states without a story').to.deep.equal([]);
        for (const [name, story] of stories) {
          const unknown = tagsOf(meta, story).filter((t) => !STATE_TAGS.has(t) && !STORYBOOK_TAGS.has(t));
          expect(unknown, `${name}: unknown tags`).to.deep.equal([]);
          expect(tagsOf(meta, story).some((t) => STATE_TAGS.has(t)), `${name}: no state tag`).to.be.true;
        }
      });

      if (meta.component) {
        it(`its args are ${meta.component}'s attributes and properties in custom-elements.json, every attribute included`, async () => {
          const api = (await manifestApi()).get(meta.component as string);
          expect(api, `${meta.component} in custom-elements.json`).to.exist;
          const args = [...Object.keys(meta.args ?? {}), ...Object.keys(meta.argTypes ?? {})];
          expect(args.filter((k) => !api!.names.has(k)), 'args that are not attributes or properties').to.deep.equal([]);
          expect(api!.settable.filter((a) => !args.includes(a)), 'attributes the stories do not render').to.deep.equal([]);
        });
      }

      for (const [exportName, story] of stories) {
        it(`${story.name ?? exportName}: renders, settles, is accessible and is in its states`, async function () {
          this.timeout(15000);
          errors = [];
          const canvas = document.createElement('div');
          canvas.id = 'storybook-root';
          document.body.append(canvas);
          let context: StoryContext | undefined;
          try {
            context = await runStory(meta, story, exportName, canvas);
            await settle(canvas);
            expect(cifElements(canvas).length, 'cif elements rendered').to.be.greaterThan(0);
            await expect(canvas).to.be.accessible();
            const broken = tagsOf(meta, story)
              .filter((t) => STATE_TAGS.has(t))
              .map((t) => [t, checkTag(t, canvas, meta)])
              .filter(([, problem]) => problem)
              .map(([t, problem]) => `${t}: ${problem}`);
            expect(broken, 'state tags that the rendered story does not show').to.deep.equal([]);
          } finally {
            render(nothing, canvas);
            canvas.remove();
          }
          await nextFrame();
          const pair = context?.loaded.cif as SimulatedPair | undefined;
          if (pair) expect(pair.client.listenerCount(), 'client listeners left after the story was removed').to.equal(0);
          expect(errors, 'uncaught errors').to.deep.equal([]);
        });
      }
    });
  }
});

describe('the assembled widget in every locale, in a 320 px panel', () => {
  const meta = widgetStories.default as AnyMeta;
  const story = widgetStories.PseudoLocale as AnyStory;
  for (const locale of [...CIF_LOCALES, 'en-XA', 'ar-XB']) {
    it(`${locale}: no horizontal overflow, ${locale.startsWith('ar') || locale === 'he' ? 'right to left, ' : ''}accessible`, async function () {
      this.timeout(15000);
      const canvas = document.createElement('div');
      document.body.append(canvas);
      try {
        const context = await runStory(meta, { ...story, globals: { locale } }, 'PseudoLocale', canvas);
        await settle(canvas);
        const provider = canvas.querySelector<HTMLElement & { locale?: string }>('cif-provider')!;
        await waitUntil(() => provider.locale === locale, 'the toolbar locale reaches the provider');
        await settle(canvas);
        const panel = canvas.querySelector<HTMLElement>('[style*="inline-size: 320px"]')!;
        expect(panel.getBoundingClientRect().width).to.equal(320);
        const overflow = overflowIn(panel, panel.getBoundingClientRect());
        expect(overflow.join('\n'), 'overflow or clipped text').to.equal('');
        const rtl = ['ar', 'he', 'ar-XB'].includes(locale);
        for (const el of cifElements(canvas)) expect(getComputedStyle(el).direction, el.localName).to.equal(rtl ? 'rtl' : 'ltr');
        if (locale.endsWith('-XA') || locale.endsWith('-XB')) expect(unlocalizedText(canvas), 'text not localized').to.deep.equal([]);
        await expect(canvas).to.be.accessible();
        void context;
      } finally {
        render(nothing, canvas);
        canvas.remove();
      }
    });
  }
});
