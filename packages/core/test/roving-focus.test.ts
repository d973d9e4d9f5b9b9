import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { RovingFocusController, TYPEAHEAD_TIMEOUT_MS, Typeahead, type RovingFocusOptions } from '../src/index.js';

interface Item {
  id: string;
  text: string;
  disabled?: boolean;
}

const FRUIT: Item[] = ['Apple', 'Banana', 'Blueberry', 'Cherry', 'Date'].map((text) => ({ id: text.toLowerCase(), text }));

/** A list whose options follow a RovingFocusController; options are set per test. */
class TestRoving extends LitElement {
  items: Item[] = FRUIT;
  rf!: RovingFocusController<Item>;
  configure(options: Partial<RovingFocusOptions<Item>>): void {
    this.rf = new RovingFocusController<Item>(this, {
      items: () => this.items,
      key: (i) => i.id,
      element: (i) => this.renderRoot.querySelector<HTMLElement>(`#${i.id}`),
      typeahead: (i) => i.text,
      disabled: (i) => !!i.disabled,
      ...options,
    });
  }
  override render() {
    const ad = this.rf.activeId;
    const roving = (this.rf as unknown as { options: RovingFocusOptions<Item> }).options.mode !== 'activedescendant';
    return html`<div
      id="list"
      role="listbox"
      aria-label="Fruit"
      tabindex=${roving ? -1 : 0}
      aria-activedescendant=${ad ?? ''}
      @keydown=${(e: KeyboardEvent) => this.rf.handleKeydown(e)}
      @focusin=${(e: FocusEvent) => {
        const item = this.items.find((i) => i.id === (e.target as HTMLElement).id);
        if (item) void this.rf.setActive(item, { focus: false });
      }}
    >
      ${this.items.map(
        (i) => html`<div id=${i.id} role="option" aria-selected="false" aria-disabled=${i.disabled ? 'true' : 'false'} tabindex=${roving ? this.rf.tabIndexOf(i) : -1}>${i.text}</div>`,
      )}
    </div>`;
  }
}
customElements.define('test-roving', TestRoving);

async function make(options: Partial<RovingFocusOptions<Item>> = {}, items: Item[] = FRUIT, dir = 'ltr') {
  const el = document.createElement('test-roving') as TestRoving;
  el.items = items;
  el.configure(options);
  const wrap = await fixture<HTMLDivElement>(html`<div dir=${dir}></div>`);
  wrap.append(el);
  await el.updateComplete;
  return el;
}

const focused = (el: TestRoving) => el.shadowRoot!.activeElement?.id;
async function press(el: TestRoving, ...keys: string[]) {
  for (const k of keys) {
    await sendKeys({ press: k });
    await el.updateComplete;
    await el.updateComplete;
  }
}

describe('RovingFocusController', () => {
  it('vertical, without wrap: arrows stop at the ends; Home/End; one tab stop that follows', async () => {
    const el = await make();
    await el.rf.setActiveIndex(1);
    expect(focused(el)).to.equal('banana');
    expect(el.items.map((i) => el.rf.tabIndexOf(i))).to.deep.equal([-1, 0, -1, -1, -1]);
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('blueberry');
    await press(el, 'End');
    expect(focused(el)).to.equal('date');
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('date');
    await press(el, 'Home', 'ArrowUp');
    expect(focused(el)).to.equal('apple');
    // horizontal arrows do nothing in a vertical list
    await press(el, 'ArrowRight');
    expect(focused(el)).to.equal('apple');
    expect(el.rf.activeIndex).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('wrap: past the last goes to the first and back', async () => {
    const el = await make({ wrap: true });
    await el.rf.setActiveIndex(4);
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('apple');
    await press(el, 'ArrowUp');
    expect(focused(el)).to.equal('date');
  });

  it('skips disabled items with arrows, Home/End and type-ahead', async () => {
    const items = FRUIT.map((i) => ({ ...i, disabled: i.id === 'banana' || i.id === 'apple' }));
    const el = await make({}, items);
    await el.rf.setActiveIndex(2);
    await press(el, 'ArrowUp');
    expect(focused(el)).to.equal('blueberry');
    await press(el, 'End', 'Home');
    expect(focused(el)).to.equal('blueberry');
    await aTimeout(TYPEAHEAD_TIMEOUT_MS + 100);
    await press(el, 'a');
    expect(focused(el)).to.equal('blueberry', 'Apple is disabled');
  });

  it('PageUp/PageDown move by pageSize, clamped; unset, they are not handled', async () => {
    const el = await make({ pageSize: 2 });
    await el.rf.setActiveIndex(0);
    await press(el, 'PageDown');
    expect(focused(el)).to.equal('blueberry');
    await press(el, 'PageDown', 'PageDown');
    expect(focused(el)).to.equal('date');
    await press(el, 'PageUp');
    expect(focused(el)).to.equal('blueberry');
    const plain = await make();
    await plain.rf.setActiveIndex(0);
    const e = new KeyboardEvent('keydown', { key: 'PageDown', cancelable: true });
    expect(plain.rf.handleKeydown(e)).to.equal(false);
    expect(e.defaultPrevented).to.equal(false);
  });

  it(`type-ahead: letters within ${TYPEAHEAD_TIMEOUT_MS} ms search together; a repeated letter cycles`, async function () {
    this.timeout(10_000);
    const el = await make();
    await el.rf.setActiveIndex(0);
    await press(el, 'b');
    expect(focused(el)).to.equal('banana');
    await press(el, 'b');
    expect(focused(el)).to.equal('blueberry');
    await press(el, 'b');
    expect(focused(el)).to.equal('banana', 'cycles back to the first B');
    await aTimeout(TYPEAHEAD_TIMEOUT_MS + 100);
    await sendKeys({ type: 'bl' });
    await el.updateComplete;
    expect(focused(el)).to.equal('blueberry', '"bl" together');
    await aTimeout(TYPEAHEAD_TIMEOUT_MS + 100);
    await press(el, 'z');
    expect(focused(el)).to.equal('blueberry', 'no match: stays');
    await aTimeout(TYPEAHEAD_TIMEOUT_MS + 100);
    await press(el, 'D');
    expect(focused(el)).to.equal('date', 'case-insensitive');
  });

  it('type-ahead timing: a letter after the timeout starts a new search, within it continues', () => {
    const host = Object.assign(document.createElement('div'), {
      addController() {},
      removeController() {},
      requestUpdate() {},
      updateComplete: Promise.resolve(true),
    });
    const rf = new RovingFocusController<Item>(host, { items: () => FRUIT, typeahead: (i) => i.text, focus: () => {} });
    const key = (k: string, t: number) => {
      const e = new KeyboardEvent('keydown', { key: k, cancelable: true });
      Object.defineProperty(e, 'timeStamp', { value: t });
      rf.handleKeydown(e);
      return rf.activeItem?.id;
    };
    expect(key('c', 1000)).to.equal('cherry');
    // "ch" + "e" within the window: still Cherry (a longer word keeps the current match)
    expect(key('h', 1000 + TYPEAHEAD_TIMEOUT_MS - 10)).to.equal('cherry');
    // after the window "d" starts afresh
    expect(key('d', 1000 + 3 * TYPEAHEAD_TIMEOUT_MS)).to.equal('date');
    // within it "a" appends: "da" still Date; then "ap" after a pause: Apple
    expect(key('a', 1000 + 3 * TYPEAHEAD_TIMEOUT_MS + 100)).to.equal('date');
    expect(key('a', 1000 + 5 * TYPEAHEAD_TIMEOUT_MS)).to.equal('apple');
    // a space or a modified key is never type-ahead
    const space = new KeyboardEvent('keydown', { key: ' ', cancelable: true });
    expect(rf.handleKeydown(space)).to.equal(false);
    expect(rf.handleKeydown(new KeyboardEvent('keydown', { key: 'b', ctrlKey: true }))).to.equal(false);
    expect(rf.handleKeydown(new KeyboardEvent('keydown', { key: 'b', altKey: true }))).to.equal(false);
  });

  it('horizontal lists mirror the arrows right to left', async () => {
    const ltr = await make({ orientation: 'horizontal' });
    await ltr.rf.setActiveIndex(1);
    await press(ltr, 'ArrowRight');
    expect(focused(ltr)).to.equal('blueberry');
    await press(ltr, 'ArrowDown');
    expect(focused(ltr)).to.equal('blueberry', 'vertical arrows do nothing in a horizontal list');
    const rtl = await make({ orientation: 'horizontal' }, FRUIT, 'rtl');
    await rtl.rf.setActiveIndex(1);
    await press(rtl, 'ArrowLeft');
    expect(focused(rtl)).to.equal('blueberry', 'in RTL ← moves to the next item');
    await press(rtl, 'ArrowRight', 'ArrowRight');
    expect(focused(rtl)).to.equal('apple');
  });

  it('grid with columns (a dial pad): rows and columns, Home/End in the row, Ctrl+Home/End, wrap by column', async () => {
    const keys: Item[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'star', '0', 'hash'].map((k) => ({ id: `k${k}`, text: k }));
    const el = await make({ columns: 3, wrap: true }, keys);
    await el.rf.setActiveIndex(4); // 5
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('k8');
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('k0');
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('k2', 'wraps to the top of the same column');
    await press(el, 'ArrowUp');
    expect(focused(el)).to.equal('k0', 'and back to the bottom');
    await press(el, 'ArrowRight');
    expect(focused(el)).to.equal('khash');
    await press(el, 'ArrowRight');
    expect(focused(el)).to.equal('k1', 'wraps on to the first key');
    await press(el, 'End');
    expect(focused(el)).to.equal('k3', 'End: end of the row');
    await press(el, 'Home');
    expect(focused(el)).to.equal('k1');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'End' });
    await sendKeys({ up: 'Control' });
    await el.updateComplete;
    expect(focused(el)).to.equal('khash', 'Ctrl+End: the last key');
    const noWrap = await make({ columns: 3 }, keys);
    await noWrap.rf.setActiveIndex(10);
    await press(noWrap, 'ArrowDown');
    expect(focused(noWrap)).to.equal('k0');
    await press(noWrap, 'ArrowRight', 'ArrowRight');
    expect(focused(noWrap)).to.equal('khash');
  });

  it('grid arrows mirror right to left', async () => {
    const keys: Item[] = ['1', '2', '3', '4', '5', '6'].map((k) => ({ id: `k${k}`, text: k }));
    const el = await make({ columns: 3 }, keys, 'rtl');
    await el.rf.setActiveIndex(0);
    await press(el, 'ArrowLeft');
    expect(focused(el)).to.equal('k2');
    await press(el, 'ArrowDown');
    expect(focused(el)).to.equal('k5');
  });

  it('activedescendant mode: focus stays on the container, the active id follows', async () => {
    const el = await make({ mode: 'activedescendant' });
    const list = el.shadowRoot!.querySelector<HTMLElement>('#list')!;
    list.focus();
    await el.rf.setActiveIndex(0);
    await el.updateComplete;
    expect(list.getAttribute('aria-activedescendant')).to.equal('apple');
    await press(el, 'ArrowDown', 'ArrowDown');
    expect(focused(el)).to.equal('list');
    expect(el.rf.activeId).to.equal('blueberry');
    expect(list.getAttribute('aria-activedescendant')).to.equal('blueberry');
    await expect(el).to.be.accessible();
  });

  it('follows the active item by key when the list changes; forgets it when it is gone', async () => {
    const changes: (string | undefined)[] = [];
    const el = await make({ onActiveChange: (i) => changes.push(i?.id) });
    await el.rf.setActive(FRUIT[3], { focus: false });
    el.items = [FRUIT[3]!, ...FRUIT.slice(0, 3).map((i) => ({ ...i }))];
    expect(el.rf.activeIndex).to.equal(0);
    expect(el.rf.isActive({ id: 'cherry', text: 'x' })).to.equal(true, 'by key, not identity');
    el.items = FRUIT.slice(0, 2);
    expect(el.rf.activeItem).to.equal(undefined);
    expect(el.rf.activeIndex).to.equal(-1);
    // with no active item, ↓ goes to the first and ↑ to the last
    el.requestUpdate();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLElement>('#list')!.focus();
    const down = new KeyboardEvent('keydown', { key: 'ArrowDown', cancelable: true });
    expect(el.rf.handleKeydown(down)).to.equal(true);
    expect(el.rf.activeItem?.id).to.equal('apple');
    el.rf.clear();
    el.rf.handleKeydown(new KeyboardEvent('keydown', { key: 'ArrowUp', cancelable: true }));
    expect(el.rf.activeItem?.id).to.equal('banana');
    expect(changes).to.deep.equal(['cherry', 'apple', 'banana']);
    // an empty list handles nothing
    el.items = [];
    expect(el.rf.handleKeydown(new KeyboardEvent('keydown', { key: 'ArrowDown', cancelable: true }))).to.equal(false);
  });
});

describe('Typeahead (alone)', () => {
  const names = ['  Alan Turing', 'Ada Lovelace', 'Grace Hopper', 'Alonzo Church', 'None'];
  const make = (disabled?: (n: string) => boolean) => new Typeahead<string>({ items: () => names, text: (n) => n, disabled });

  it('finds by first letters from the current item; a repeated letter cycles; no match: undefined', () => {
    const ta = make();
    expect(ta.match('a', -1, 1000)).to.equal(0, 'leading spaces ignored');
    expect(ta.match('a', 0, 1100)).to.equal(1, 'the same letter again: the next A');
    expect(ta.match('a', 1, 1200)).to.equal(3);
    expect(ta.match('a', 3, 1300)).to.equal(0, 'and round');
    expect(ta.match('l', 0, 1400)).to.equal(undefined, '"aaaal" is no longer one letter repeated, and nothing starts with it');
  });

  it('letters within the timeout search together, from the current item; after it a new search starts', () => {
    const ta = make();
    expect(ta.match('a', -1, 0)).to.equal(0);
    expect(ta.match('l', 0, 100)).to.equal(0, '"al": Alan (current) still matches');
    expect(ta.match('o', 0, 200)).to.equal(3, '"alo": Alonzo');
    expect(ta.match('g', 3, 200 + TYPEAHEAD_TIMEOUT_MS + 1)).to.equal(2, 'a pause: "g" alone');
    expect(ta.match('x', 2, 10_000)).to.equal(undefined);
    ta.reset();
    expect(ta.match('d', 2, 10_001)).to.equal(undefined, '"d" alone after reset: no name starts with D');
    expect(ta.match('N', 2, 20_000)).to.equal(4, 'case-insensitive');
  });

  it('skips disabled items; several texts per item', () => {
    const ta = make((n) => n.startsWith('Ada'));
    expect(ta.match('a', 0, 0)).to.equal(3);
    const multi = new Typeahead<{ name: string; kind: string }>({
      items: () => [
        { name: 'Contoso', kind: 'Account' },
        { name: 'Eve', kind: 'Lead' },
      ],
      text: (r) => [r.name, r.kind],
    });
    expect(multi.match('l', -1, 0)).to.equal(1);
  });

  it('isKey: one printable, non-blank character without Ctrl, Alt or Meta', () => {
    for (const key of ['g', 'Z', 'é', '7']) expect(Typeahead.isKey(new KeyboardEvent('keydown', { key })), key).to.equal(true);
    for (const init of [{ key: ' ' }, { key: 'ArrowDown' }, { key: 'Enter' }, { key: 'a', ctrlKey: true }, { key: 'a', altKey: true }, { key: 'a', metaKey: true }]) {
      expect(Typeahead.isKey(new KeyboardEvent('keydown', init)), JSON.stringify(init)).to.equal(false);
    }
  });
});
