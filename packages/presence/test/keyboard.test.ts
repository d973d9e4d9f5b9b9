import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { CifPresence } from '../src/index.js';
import { fakeClient, parts, recordChanges, settle } from './helpers.js';

/** Renders a focusable "before" button, the element (with a fake CIF 2.0 client) and an "after" button. */
async function setup() {
  const { fake, client } = fakeClient();
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <button id="before">before</button>
    <cif-presence .client=${client}></cif-presence>
    <button id="after">after</button>
  </div>`);
  const el = wrap.querySelector('cif-presence') as CifPresence;
  await settle(el);
  expect(el.value).to.equal('available');
  wrap.querySelector<HTMLButtonElement>('#before')!.focus();
  await sendKeys({ press: 'Tab' });
  await settle(el);
  expect(parts(el).active).to.equal(parts(el).button);
  return { el, fake, client, wrap };
}

const activeId = (el: CifPresence) => parts(el).active?.id;

async function press(el: CifPresence, key: string) {
  if (key.startsWith('Shift+')) {
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: key.slice(6) });
    await sendKeys({ up: 'Shift' });
  } else {
    await sendKeys({ press: key });
  }
  await settle(el);
}

/** Waits until the type-ahead buffer (700 ms, RovingFocusController) has expired. */
const expireTypeahead = () => new Promise((r) => setTimeout(r, 800));

describe('<cif-presence> keyboard-only operation', () => {
  it('Enter opens on the current presence; arrows, Home, End move with wrap-around; roving tabindex', async () => {
    const { el } = await setup();
    await press(el, 'Enter');
    expect(el.open).to.be.true;
    expect(parts(el).button.getAttribute('aria-expanded')).to.equal('true');
    expect(activeId(el)).to.equal('option-0');
    await press(el, 'ArrowDown');
    expect(activeId(el)).to.equal('option-1');
    const tabindexes = parts(el).options.map((o) => o.tabIndex);
    expect(tabindexes).to.deep.equal([-1, 0, -1, -1, -1]);
    await press(el, 'ArrowDown');
    expect(activeId(el)).to.equal('option-2');
    await press(el, 'ArrowUp');
    expect(activeId(el)).to.equal('option-1');
    await press(el, 'End');
    expect(activeId(el)).to.equal('option-4');
    await press(el, 'ArrowDown');
    expect(activeId(el)).to.equal('option-0');
    await press(el, 'ArrowUp');
    expect(activeId(el)).to.equal('option-4');
    await press(el, 'Home');
    expect(activeId(el)).to.equal('option-0');
    await expect(el).to.be.accessible();
  });

  it('type-ahead "b" goes to Busy, "b" again to Busy - Do not disturb, "o" to Offline; Enter selects', async function () {
    this.timeout(15_000); // waits for the type-ahead buffer to expire three times
    const { el, fake } = await setup();
    const events = recordChanges(el);
    await press(el, 'Enter');
    await press(el, 'b');
    expect(parts(el).active?.textContent?.trim()).to.equal('Busy');
    await press(el, 'b');
    expect(parts(el).active?.textContent?.trim()).to.equal('Busy - Do not disturb');
    await press(el, 'o'); // the buffer is "bbo" now: nothing starts with it, focus stays
    expect(parts(el).active?.textContent?.trim()).to.equal('Busy - Do not disturb');
    await expireTypeahead();
    await press(el, 'o');
    expect(parts(el).active?.textContent?.trim()).to.equal('Offline');
    await expireTypeahead();
    await sendKeys({ type: 'aw' });
    await settle(el);
    expect(parts(el).active?.textContent?.trim()).to.equal('Away');
    await press(el, 'Home');
    await expireTypeahead();
    await press(el, 'b');
    expect(parts(el).active?.textContent?.trim()).to.equal('Busy');
    await press(el, 'Enter');
    expect(el.open).to.be.false;
    expect(activeId(el)).to.equal('button');
    await el.updateComplete;
    await settle(el);
    expect(fake.callsOf('setPresence')).to.deep.equal([['Busy']]);
    expect(el.value).to.equal('busy');
    expect(events.map((e) => [e.detail.source, e.detail.presence.presenceText])).to.deep.equal([['agent', 'Busy']]);
  });

  it('Escape closes and returns focus to the button without changing anything', async () => {
    const { el, fake } = await setup();
    const events = recordChanges(el);
    await press(el, 'Enter');
    await press(el, 'ArrowDown');
    await press(el, 'Escape');
    expect(el.open).to.be.false;
    expect(parts(el).menu.hidden).to.be.true;
    expect(activeId(el)).to.equal('button');
    expect(el.value).to.equal('available');
    expect(events).to.have.length(0);
    expect(fake.callsOf('setPresence')).to.have.length(0);
  });

  it('Space opens, Space selects, and the menu does not reopen on the key-up', async () => {
    const { el, fake } = await setup();
    await press(el, ' ');
    expect(el.open).to.be.true;
    expect(activeId(el)).to.equal('option-0');
    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    await press(el, ' ');
    await settle(el);
    expect(el.open).to.be.false;
    expect(activeId(el)).to.equal('button');
    expect(fake.callsOf('setPresence')).to.deep.equal([['Away']]);
    expect(el.value).to.equal('away');
  });

  it('ArrowDown opens on the current presence, ArrowUp on the last one', async () => {
    const { el } = await setup();
    await el.select('Away');
    await settle(el);
    await press(el, 'ArrowDown');
    expect(el.open).to.be.true;
    expect(activeId(el)).to.equal('option-3');
    await press(el, 'Escape');
    await press(el, 'ArrowUp');
    expect(el.open).to.be.true;
    expect(activeId(el)).to.equal('option-4');
    await press(el, 'Escape');
    expect(activeId(el)).to.equal('button');
  });

  it('Tab leaves the open menu and closes it; Shift+Tab from the menu closes it too', async () => {
    const { el, wrap } = await setup();
    await press(el, 'Enter');
    await press(el, 'Tab');
    expect(el.open).to.be.false;
    expect(document.activeElement).to.equal(wrap.querySelector('#after'));
    await press(el, 'Shift+Tab');
    expect(activeId(el)).to.equal('button');
    await press(el, 'Enter');
    expect(el.open).to.be.true;
    await press(el, 'Shift+Tab');
    expect(el.open).to.be.false;
    expect(activeId(el)).to.equal('button');
  });

  it('a menu opened with the open property closes when focus leaves the button', async () => {
    const { el, wrap } = await setup();
    el.open = true;
    await settle(el);
    expect(parts(el).menu.hidden).to.be.false;
    expect(activeId(el)).to.equal('button');
    // Tab from the button enters the open menu (its current item is the one in the tab order) …
    await press(el, 'Tab');
    expect(el.open).to.be.true;
    expect(activeId(el)).to.equal('option-0');
    await press(el, 'Shift+Tab');
    expect(el.open).to.be.false;
    el.open = true;
    await settle(el);
    // … Shift+Tab from the button leaves the component and closes the menu.
    await press(el, 'Shift+Tab');
    expect(el.open).to.be.false;
    expect(document.activeElement).to.equal(wrap.querySelector('#before'));
  });

  it('show() moves focus into the menu; hide() returns it to the button', async () => {
    const { el } = await setup();
    el.show();
    await settle(el);
    expect(activeId(el)).to.equal('option-0');
    el.hide();
    await settle(el);
    expect(activeId(el)).to.equal('button');
  });

  it('a real mouse click on the button toggles the menu; a click on an option picks it', async () => {
    const { el, fake } = await setup();
    const center = (n: Element): [number, number] => {
      const r = n.getBoundingClientRect();
      return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
    };
    await sendMouse({ type: 'click', position: center(parts(el).button) });
    await settle(el);
    expect(el.open).to.be.true;
    await sendMouse({ type: 'click', position: center(parts(el).button) });
    await settle(el);
    expect(el.open).to.be.false;
    await sendMouse({ type: 'click', position: center(parts(el).button) });
    await settle(el);
    expect(el.open).to.be.true;
    await sendMouse({ type: 'click', position: center(parts(el).options[4]) });
    await settle(el);
    expect(el.open).to.be.false;
    expect(fake.callsOf('setPresence')).to.deep.equal([['Offline']]);
    await sendMouse({ type: 'click', position: center(parts(el).button) });
    await settle(el);
    expect(el.open).to.be.true;
    await sendMouse({ type: 'click', position: [5, window.innerHeight - 5] });
    await settle(el);
    expect(el.open).to.be.false;
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('is operable with the keyboard in compact mode', async () => {
    const { el, fake } = await setup();
    el.compact = true;
    await settle(el);
    await press(el, 'ArrowDown');
    await press(el, 'End');
    await press(el, 'Enter');
    await settle(el);
    expect(fake.callsOf('setPresence')).to.deep.equal([['Offline']]);
    expect(activeId(el)).to.equal('button');
  });
});
