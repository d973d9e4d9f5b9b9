import { css } from 'lit';

/** Styles of `<cif-click-to-act>`. Tokens only; logical properties so that RTL mirrors the switch. */
export const clickToActStyles = [
  css`
  :host {
    --cif-click-to-act-track-width: 40px;
    --cif-click-to-act-track-height: 20px;
    --cif-click-to-act-thumb-size: 14px;
    display: block;
    min-width: 0;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cif-space-s);
    min-width: 0;
  }

  /* ------------------------------------------------------------------ the switch */

  [part='switch'] {
    display: inline-flex;
    align-items: center;
    gap: var(--cif-space-s);
    min-height: var(--cif-size-control);
    max-width: 100%;
    margin: 0;
    padding: 0 var(--cif-space-xs);
    border: none;
    border-radius: var(--cif-radius-m);
    background: transparent;
    text-align: start;
    cursor: pointer;
  }

  [part='switch']:disabled,
  [part='switch'][aria-disabled='true'] {
    cursor: default;
  }

  [part='track'] {
    position: relative;
    flex: none;
    inline-size: var(--cif-click-to-act-track-width);
    block-size: var(--cif-click-to-act-track-height);
    border: 1px solid var(--cif-color-border-strong);
    border-radius: var(--cif-radius-circle);
    background: var(--cif-color-surface);
    transition:
      background-color var(--cif-duration-fast),
      border-color var(--cif-duration-fast);
  }

  [part='thumb'] {
    position: absolute;
    inset-block-start: calc(50% - var(--cif-click-to-act-thumb-size) / 2);
    /* Logical offset: the thumb starts at the inline start and moves to the inline end, so RTL mirrors it. */
    inset-inline-start: 2px;
    inline-size: var(--cif-click-to-act-thumb-size);
    block-size: var(--cif-click-to-act-thumb-size);
    border-radius: var(--cif-radius-circle);
    background: var(--cif-color-border-strong);
    transition:
      inset-inline-start var(--cif-duration-fast),
      background-color var(--cif-duration-fast);
  }

  [part='switch'][aria-checked='true'] [part='track'] {
    border-color: var(--cif-color-brand);
    background: var(--cif-color-brand);
  }

  [part='switch'][aria-checked='true'] [part='thumb'] {
    inset-inline-start: calc(100% - var(--cif-click-to-act-thumb-size) - 2px);
    background: var(--cif-color-on-brand);
  }

  [part='switch']:hover:not(:disabled):not([aria-disabled='true']) [part='track'] {
    border-color: var(--cif-color-text);
  }

  [part='switch'][aria-checked='true']:hover:not(:disabled):not([aria-disabled='true']) [part='track'] {
    border-color: var(--cif-color-brand-hover);
    background: var(--cif-color-brand-hover);
  }

  [part='switch']:active:not(:disabled):not([aria-disabled='true']) [part='track'] {
    background: var(--cif-color-surface-pressed);
  }

  [part='switch'][aria-checked='true']:active:not(:disabled):not([aria-disabled='true']) [part='track'] {
    border-color: var(--cif-color-brand-pressed);
    background: var(--cif-color-brand-pressed);
  }

  /* Not connected, disabled, or busy (reading / writing): dimmed, not colour alone (the cursor and the
     status text say it too). */
  [part='switch']:disabled [part='track'],
  [part='switch'][aria-disabled='true'] [part='track'] {
    border-color: var(--cif-color-border);
    background: var(--cif-color-surface-alt);
  }
  [part='switch']:disabled [part='thumb'],
  [part='switch'][aria-disabled='true'] [part='thumb'] {
    background: var(--cif-color-border);
  }
  [part='switch'][aria-checked='true']:disabled [part='track'],
  [part='switch'][aria-checked='true'][aria-disabled='true'] [part='track'] {
    border-color: var(--cif-color-brand-subtle);
    background: var(--cif-color-brand-subtle);
  }
  [part='switch'][aria-checked='true']:disabled [part='thumb'],
  [part='switch'][aria-checked='true'][aria-disabled='true'] [part='thumb'] {
    background: var(--cif-color-brand);
  }
  [part='switch']:disabled [part='label'] {
    color: var(--cif-color-text-muted);
  }

  [part='label'] {
    min-width: 0;
    overflow-wrap: anywhere;
  }

  [part='status'] {
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
  }
  [part='status']:empty {
    display: none;
  }

  [part='description'] {
    margin: 0;
    margin-block-start: var(--cif-space-xs);
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
    overflow-wrap: anywhere;
  }

  @media (prefers-reduced-motion: reduce) {
    [part='track'],
    [part='thumb'] {
      transition: none;
    }
  }

  /* ------------------------------------------------------------------ forced colors */

  @media (forced-colors: active) {
    /* Backgrounds are forced to Canvas here, so the thumb is drawn with a border (always painted), and
       its position (not colour) says on or off. System colours are used where the UA keeps them. */
    [part='switch'] {
      border: none;
    }
    [part='track'] {
      border-color: ButtonText;
      background: Canvas;
    }
    [part='thumb'] {
      border: calc(var(--cif-click-to-act-thumb-size) / 2) solid ButtonText;
      background: ButtonText;
    }
    [part='switch'][aria-checked='true'] [part='track'] {
      border: 2px solid Highlight;
      background: Canvas;
    }
    [part='switch'][aria-checked='true'] [part='thumb'] {
      border-color: ButtonText;
      background: ButtonText;
    }
    [part='switch']:disabled [part='track'],
    [part='switch'][aria-disabled='true'] [part='track'],
    [part='switch'][aria-checked='true']:disabled [part='track'],
    [part='switch'][aria-checked='true'][aria-disabled='true'] [part='track'] {
      border-color: GrayText;
      background: Canvas;
    }
    [part='switch']:disabled [part='thumb'],
    [part='switch'][aria-disabled='true'] [part='thumb'],
    [part='switch'][aria-checked='true']:disabled [part='thumb'],
    [part='switch'][aria-checked='true'][aria-disabled='true'] [part='thumb'] {
      border-color: GrayText;
      background: GrayText;
    }
    [part='switch']:disabled [part='label'] {
      color: GrayText;
    }
  }
`,
];
