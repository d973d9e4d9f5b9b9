import { expect, fixture, html } from '@open-wc/testing';
import { svg } from 'lit';
import { handset, hangupIcon, icon, phoneIcon } from '../src/icons.js';

/** The `d` of the handset as lit renders it. */
async function handsetPath(): Promise<string> {
  const el = await fixture<HTMLElement>(html`<div>${icon(handset)}</div>`);
  return el.querySelector('path')!.getAttribute('d')!;
}

describe('icons (@cif-elements/core/icons)', () => {
  it('icon(): a decorative, unfocusable 24 × 24 stroked svg of the given size (20 by default)', async () => {
    const el = await fixture<HTMLElement>(html`<div>${icon(svg`<path d="M1 1h2" />`)}${icon(svg`<path d="M1 1h2" />`, 16)}</div>`);
    const [a, b] = [...el.querySelectorAll('svg')];
    expect(a!.getAttribute('aria-hidden')).to.equal('true');
    expect(a!.getAttribute('focusable')).to.equal('false');
    expect(a!.getAttribute('viewBox')).to.equal('0 0 24 24');
    expect(a!.getAttribute('class')).to.equal('icon');
    expect(getComputedStyle(a!).fill).to.equal('none');
    expect([a!.getAttribute('width'), b!.getAttribute('width'), b!.getAttribute('height')]).to.deep.equal(['20', '16', '16']);
  });

  it('phone and hang-up icons draw the one handset, hang-up turned down', async () => {
    const d = await handsetPath();
    const el = await fixture<HTMLElement>(html`<div>${phoneIcon}${hangupIcon}</div>`);
    const [phone, hangup] = [...el.querySelectorAll('svg')];
    expect(phone!.querySelector('path')!.getAttribute('d')).to.equal(d);
    expect(hangup!.querySelector('path')!.getAttribute('d')).to.equal(d);
    expect(hangup!.querySelector('g')!.getAttribute('transform')).to.equal('rotate(135 12 12)');
    await expect(el).to.be.accessible();
  });
});
