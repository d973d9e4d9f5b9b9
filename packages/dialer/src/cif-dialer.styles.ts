import { css, unsafeCSS } from 'lit';

/**
 * Styles of `<cif-dialer>` (tokens only; logical properties so RTL works). The in-call view's own styles
 * are in in-call.ts, added when it loads.
 */
export const dialerStyles = [
  css`
  :host {
    display: block;
    inline-size: 100%;
    max-inline-size: var(--cif-dialer-max-width, 20rem);
    --_key: var(--cif-dialer-key-size, var(--cif-size-key));
    --_gap: var(--cif-dialer-gap, var(--cif-space-m));
    --_number: var(--cif-dialer-number-font-size, var(--cif-font-size-500));
  }

  p {
    margin: 0;
  }

  bdi {
    unicode-bidi: isolate;
  }

  .base,
  .idle,
  .in-call {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    min-inline-size: 0;
  }

  .idle,
  .in-call {
    align-items: stretch;
  }

  /* ------------------------------------------------------------ field */

  .field {
    display: flex;
    flex-direction: column;
    gap: var(--cif-space-xs);
  }

  label {
    font-weight: var(--cif-font-weight-semibold);
  }

  .input-row {
    display: flex;
    align-items: center;
    gap: var(--cif-space-xs);
    padding-inline-end: var(--cif-space-xs);
    border: 1px solid var(--cif-color-border);
    border-block-end-color: var(--cif-color-border-strong);
    border-radius: var(--cif-radius-m);
    background: var(--cif-color-surface);
  }

  .input-row:focus-within {
    border-block-end: 2px solid var(--cif-color-brand);
  }

  input {
    flex: 1 1 auto;
    min-inline-size: 0;
    block-size: calc(var(--cif-size-control) * 1.25);
    padding-block: 0;
    padding-inline: var(--cif-space-m) var(--cif-space-xs);
    border: none;
    background: transparent;
    color: var(--cif-color-text);
    font: inherit;
    font-size: var(--_number);
    text-align: center;
    text-overflow: ellipsis;
  }

  input:focus-visible {
    outline: none;
    box-shadow: none;
  }

  input::placeholder {
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-300);
  }

  input[aria-invalid='true'] {
    color: var(--cif-color-text);
  }

  .input-row:has(input[aria-invalid='true']) {
    border-color: var(--cif-color-danger);
  }

  .backspace,
  .text-button,
  .recent-item,
  .key,
  .control,
  .call,
  .hangup {
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
  }

  .backspace {
    display: inline-grid;
    place-items: center;
    flex: none;
    inline-size: var(--cif-size-control);
    block-size: var(--cif-size-control);
    padding: 0;
    border: none;
    border-radius: var(--cif-radius-m);
    background: transparent;
    color: var(--cif-color-text-muted);
    touch-action: manipulation;
    user-select: none;
    -webkit-touch-callout: none;
  }

  .backspace:hover {
    background: var(--cif-color-surface-hover);
    color: var(--cif-color-text);
  }

  .backspace:active {
    background: var(--cif-color-surface-pressed);
  }

  /* mirrored in RTL: the arrow points to where text is deleted */
  :host(:dir(rtl)) .backspace .icon {
    transform: scaleX(-1);
  }

  .error {
    color: var(--cif-color-danger);
    font-size: var(--cif-font-size-200);
    overflow-wrap: anywhere;
  }

  .error:empty {
    margin-block-start: calc(var(--_gap) * -1);
  }

  .origin,
  .status {
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
  }

  .status {
    display: flex;
    gap: var(--cif-space-s);
    justify-content: center;
  }

  /* ------------------------------------------------------------ recent */

  .recent {
    display: flex;
    flex-direction: column;
    gap: var(--cif-space-xs);
  }

  .recent-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--cif-space-s);
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
  }

  .text-button {
    padding: var(--cif-space-xs) var(--cif-space-s);
    border: none;
    border-radius: var(--cif-radius-m);
    background: transparent;
    color: var(--cif-color-text);
    font-size: var(--cif-font-size-200);
    text-decoration: underline;
  }

  .text-button:hover {
    background: var(--cif-color-surface-hover);
  }

  .recent-list {
    display: flex;
    flex-direction: column;
    margin: 0;
    padding: 0;
    list-style: none;
    max-block-size: calc(var(--cif-size-control) * 4);
    overflow-y: auto;
  }

  .recent-item {
    inline-size: 100%;
    min-block-size: var(--cif-size-control);
    padding-inline: var(--cif-space-s);
    border: none;
    border-radius: var(--cif-radius-m);
    background: transparent;
    text-align: start;
    overflow-wrap: anywhere;
  }

  .recent-item:hover {
    background: var(--cif-color-surface-hover);
  }

  .recent-item:active {
    background: var(--cif-color-surface-pressed);
  }

  /* ------------------------------------------------------------ keypad */

  .keypad {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, var(--_key)));
    justify-content: center;
    gap: var(--cif-space-s) min(var(--_gap), 6%);
  }

  .key {
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    inline-size: 100%;
    block-size: auto;
    aspect-ratio: 1;
    min-inline-size: 0;
    padding: 0;
    border: 1px solid var(--cif-color-border);
    border-radius: var(--cif-radius-circle);
    background: var(--cif-color-surface);
    line-height: 1;
    touch-action: manipulation;
    user-select: none;
    -webkit-user-select: none;
    -webkit-touch-callout: none;
    transition: background-color var(--cif-duration-fast);
  }

  .key:hover {
    background: var(--cif-color-surface-hover);
  }

  .key:active {
    background: var(--cif-color-surface-pressed);
  }

  .digit {
    font-size: var(--cif-font-size-500);
  }

  .letters {
    min-block-size: 1em;
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-100);
    letter-spacing: 0.08em;
  }

  /* ------------------------------------------------------------ call / hang up */

  .call,
  .hangup {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--cif-space-s);
    min-block-size: calc(var(--cif-size-control) * 1.25);
    padding-inline: var(--cif-space-l);
    border: 1px solid transparent;
    border-radius: var(--cif-radius-circle);
    font-weight: var(--cif-font-weight-semibold);
  }

  .call {
    background: var(--cif-color-brand);
    color: var(--cif-color-on-brand);
  }

  .call:hover {
    background: var(--cif-color-brand-hover);
  }

  .call:active {
    background: var(--cif-color-brand-pressed);
  }

  .hangup {
    background: var(--cif-color-danger);
    color: var(--cif-color-on-danger);
  }

  .hangup:hover {
    background: var(--cif-color-danger-hover);
  }

  .icon {
    flex: none;
  }

  /* A narrow dialer (a 280 px panel at 200 % zoom is 140 CSS px): smaller number and keypad text. */

  @media (prefers-reduced-motion: reduce) {
    .key {
      transition: none;
    }
  }

  @media (forced-colors: active) {
    .input-row,
    .key,
    .call,
    .hangup {
      border: 1px solid ButtonText;
    }
    .input-row:has(input[aria-invalid='true']) {
      border: 2px dashed CanvasText;
    }
  }
`,
  // Container queries: static text (no input) as unsafeCSS, because lit-analyzer's CSS checker predates
  // them (Chromium, Firefox and WebKit support them).
  unsafeCSS(`
  :host {
    /* Narrow panels (from 280 px, at 200 % zoom): the keypad and the number shrink with the dialer. */
    container-type: inline-size;
  }
  @container (max-width: 13rem) {
    input {
      font-size: var(--cif-font-size-400);
      padding-inline: var(--cif-space-xs);
    }
    .digit {
      font-size: var(--cif-font-size-400);
    }
    .letters {
      letter-spacing: 0;
    }
  }
  `),
];
