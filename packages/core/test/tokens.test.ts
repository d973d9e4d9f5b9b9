import { expect, fixture, html } from '@open-wc/testing';
import { installTokens, tokensCssText } from '../src/index.js';

const prop = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();

describe('design tokens', () => {
  before(() => installTokens());

  it('installs once, as one adopted stylesheet in the cif-tokens layer', () => {
    const before = document.adoptedStyleSheets.length;
    installTokens();
    installTokens();
    expect(document.adoptedStyleSheets.length).to.equal(before);
    expect(tokensCssText.startsWith('@layer cif-tokens')).to.equal(true);
  });

  it('gives Fluent 2 light values by default and dark values under data-cif-theme="dark"', async () => {
    const el = await fixture(html`<div><span id="l" data-cif-theme="light"></span><span id="d" data-cif-theme="dark"></span></div>`);
    expect(prop(el.querySelector('#l')!, '--cif-color-brand')).to.equal('#0f6cbd');
    expect(prop(el.querySelector('#l')!, '--cif-color-surface')).to.equal('#ffffff');
    expect(prop(el.querySelector('#d')!, '--cif-color-surface')).to.equal('#292929');
    expect(prop(el.querySelector('#d')!, '--cif-color-text')).to.equal('#ffffff');
    expect(prop(el, '--cif-space-m')).to.equal('12px');
  });

  it('an unlayered page rule overrides a token', async () => {
    const style = document.createElement('style');
    style.textContent = '.branded { --cif-color-brand: rebeccapurple; }';
    document.head.append(style);
    try {
      const el = await fixture(html`<div class="branded" data-cif-theme="light"></div>`);
      expect(prop(el, '--cif-color-brand')).to.equal('rebeccapurple');
    } finally {
      style.remove();
    }
  });
});
