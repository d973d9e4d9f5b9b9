import { css, unsafeCSS } from 'lit';

// A /*css*/ comment before a template literal marks CSS text, for editors and for the minifier of the
// single-file build (tools/minify-css-literals.mjs).

const light = /*css*/ `
  --cif-color-brand: #0f6cbd;
  --cif-color-brand-hover: #115ea3;
  --cif-color-brand-pressed: #0c3b5e;
  --cif-color-on-brand: #ffffff;
  --cif-color-brand-subtle: #ebf3fc;
  --cif-color-surface: #ffffff;
  --cif-color-surface-alt: #f5f5f5;
  --cif-color-surface-hover: #f0f0f0;
  --cif-color-surface-pressed: #e0e0e0;
  --cif-color-text: #242424;
  --cif-color-text-muted: #616161;
  --cif-color-border: #d1d1d1;
  --cif-color-border-strong: #616161;
  --cif-color-danger: #c50f1f;
  --cif-color-danger-hover: #a80d1a;
  --cif-color-on-danger: #ffffff;
  --cif-color-danger-subtle: #fdf3f4;
  --cif-color-success: #0e700e;
  --cif-color-success-subtle: #f1faf1;
  --cif-color-warning: #bc4b09;
  --cif-color-focus: #000000;
  --cif-color-focus-inner: #ffffff;
  --cif-shadow-4: 0 0 2px rgba(0, 0, 0, 0.12), 0 2px 4px rgba(0, 0, 0, 0.14);
  --cif-shadow-16: 0 0 2px rgba(0, 0, 0, 0.12), 0 8px 16px rgba(0, 0, 0, 0.14);`;

const dark = /*css*/ `
  --cif-color-brand: #115ea3;
  --cif-color-brand-hover: #0f6cbd;
  --cif-color-brand-pressed: #0c3b5e;
  --cif-color-on-brand: #ffffff;
  --cif-color-brand-subtle: #082338;
  --cif-color-surface: #292929;
  --cif-color-surface-alt: #1f1f1f;
  --cif-color-surface-hover: #3d3d3d;
  --cif-color-surface-pressed: #1f1f1f;
  --cif-color-text: #ffffff;
  --cif-color-text-muted: #d6d6d6;
  --cif-color-border: #666666;
  --cif-color-border-strong: #adadad;
  --cif-color-danger: #dc626d;
  --cif-color-danger-hover: #e37d86;
  --cif-color-on-danger: #000000;
  --cif-color-danger-subtle: #3f1011;
  --cif-color-success: #54b054;
  --cif-color-success-subtle: #052505;
  --cif-color-warning: #faa06b;
  --cif-color-focus: #ffffff;
  --cif-color-focus-inner: #000000;
  --cif-shadow-4: 0 0 2px rgba(0, 0, 0, 0.24), 0 2px 4px rgba(0, 0, 0, 0.28);
  --cif-shadow-16: 0 0 2px rgba(0, 0, 0, 0.24), 0 8px 16px rgba(0, 0, 0, 0.28);`;

// Segoe UI (Dynamics 365's face; the web font of that name where a page loads it), else the platform's UI
// face: system-ui is San Francisco on macOS and iOS, Roboto on Android and ChromeOS. Each listed family the
// machine lacks costs the first layout a font lookup per size and weight: in Chromium on Linux the widget's
// first layout took 20 ms with the former stack (-apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue'
// before sans-serif), 14 with this.
const scale = /*css*/ `
  --cif-font-family: 'Segoe UI', 'Segoe UI Web (West European)', system-ui, sans-serif;
  --cif-font-family-mono: Consolas, 'Courier New', monospace;
  --cif-font-size-100: 10px;
  --cif-font-size-200: 12px;
  --cif-font-size-300: 14px;
  --cif-font-size-400: 16px;
  --cif-font-size-500: 20px;
  --cif-font-size-600: 24px;
  --cif-font-weight-regular: 400;
  --cif-font-weight-semibold: 600;
  --cif-line-height: 1.43;
  --cif-space-xs: 4px;
  --cif-space-s: 8px;
  --cif-space-m: 12px;
  --cif-space-l: 16px;
  --cif-space-xl: 24px;
  --cif-radius-s: 2px;
  --cif-radius-m: 4px;
  --cif-radius-l: 8px;
  --cif-radius-circle: 9999px;
  --cif-size-control: 32px;
  --cif-size-key: 48px;
  --cif-duration-fast: 150ms;`;

/**
 * The design tokens as a CSS text: Fluent 2 values (Dynamics 365's look), light by default, dark under
 * `prefers-color-scheme: dark`, and forced with `data-cif-theme="light" | "dark"` on any ancestor. They
 * live in the `cif-tokens` cascade layer, so any unlayered rule of the page (`:root { --cif-color-brand:
 * … }`) overrides them.
 */
export const tokensCssText = /*css*/ `@layer cif-tokens {
  :root {${scale}${light} }
  @media (prefers-color-scheme: dark) { :root {${dark} } }
  [data-cif-theme='light'] {${light} color-scheme: light; }
  [data-cif-theme='dark'] {${dark} color-scheme: dark; }
}`;

let installed: WeakSet<Document> | undefined;

/** Adds the token stylesheet to `doc` once. Called by every element; call it yourself to theme a page early. */
export function installTokens(doc: Document | undefined = globalThis.document): void {
  if (!doc || typeof CSSStyleSheet === 'undefined') return;
  installed ??= new WeakSet();
  if (installed.has(doc)) return;
  installed.add(doc);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(tokensCssText);
  doc.adoptedStyleSheets = [sheet, ...doc.adoptedStyleSheets];
}

/** The tokens as a Lit `CSSResult`, for a shadow root that is not in a document with the tokens. */
export const tokenStyles = css`${unsafeCSS(tokensCssText.replaceAll(':root', ':host'))}`;

/**
 * Shared base styles of every element: font, colour, visible focus ring, a visually-hidden helper and
 * forced-colors fixes.
 */
export const baseStyles = css`
  :host {
    font-family: var(--cif-font-family);
    font-size: var(--cif-font-size-300);
    line-height: var(--cif-line-height);
    color: var(--cif-color-text);
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--cif-color-focus);
    outline-offset: 1px;
    box-shadow: 0 0 0 1px var(--cif-color-focus-inner);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    color: inherit;
  }
  /* The secondary "Retry" button every element shows beside an error. */
  [part~='retry'] {
    min-height: var(--cif-size-control);
    padding: 0 var(--cif-space-m);
    border: 1px solid var(--cif-color-border);
    border-radius: var(--cif-radius-m);
    background: var(--cif-color-surface);
    cursor: pointer;
  }
  [part~='retry']:hover {
    background: var(--cif-color-surface-hover);
  }
  [part~='retry']:active {
    background: var(--cif-color-surface-pressed);
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
    button {
      border: 1px solid ButtonText;
    }
  }
`;
