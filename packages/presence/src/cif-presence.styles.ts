import { css } from 'lit';

/**
 * Styles of `<cif-presence>` (on top of core's `baseStyles`): the button and the dots. Those of the menu,
 * the error, the notice and a pending change come with its lazy part (`menuCss` in presence-menu.ts).
 */
export const presenceStyles = css`
  :host {
    --cif-presence-dot-size: 10px;
    --cif-presence-menu-min-width: 12rem;
    --cif-presence-menu-max-width: 20rem;
    --cif-presence-menu-z-index: 1000;
    --cif-presence-color-available: #6bb700;
    --cif-presence-color-busy: #c50f1f;
    --cif-presence-color-away: #ffaa44;
    --cif-presence-color-offline: #8a8886;
    position: relative;
    display: inline-block;
    max-inline-size: 100%;
    vertical-align: middle;
  }

  /* ------------------------------------------------------------------ the button */
  [part~='button'] {
    display: inline-flex;
    align-items: center;
    gap: var(--cif-space-s);
    max-inline-size: 100%;
    min-block-size: var(--cif-size-control);
    margin: 0;
    padding-block: 0;
    padding-inline: var(--cif-space-s);
    border: 1px solid transparent;
    border-radius: var(--cif-radius-m);
    background: transparent;
    cursor: pointer;
    text-align: start;
    transition: background-color var(--cif-duration-fast) ease;
  }
  [part~='button']:hover {
    background: var(--cif-color-surface-hover);
  }
  [part~='button']:active {
    background: var(--cif-color-surface-pressed);
  }
  [part~='button'][aria-expanded='true'] {
    background: var(--cif-color-surface-hover);
  }
  [part~='button'][aria-busy='true'] {
    cursor: progress;
  }
  [part~='button']:disabled {
    cursor: not-allowed;
    color: var(--cif-color-text-muted);
    background: transparent;
  }
  :host([compact]) [part~='button'] {
    justify-content: center;
    min-inline-size: var(--cif-size-control);
    padding-inline: 0;
  }

  [part~='label'] {
    min-inline-size: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    unicode-bidi: isolate;
  }
  :host([compact]) [part~='label'],
  :host([compact]) .caret {
    display: none;
  }

  .caret {
    flex: none;
    inline-size: 12px;
    block-size: 12px;
    fill: currentColor;
    color: var(--cif-color-text-muted);
  }

  /* ------------------------------------------------------------------ the dot */
  .dot {
    position: relative;
    flex: none;
    inline-size: var(--cif-presence-dot-size);
    block-size: var(--cif-presence-dot-size);
    border: 1px solid transparent;
    border-radius: var(--cif-radius-circle);
    background: var(--cif-presence-dot-color, var(--cif-color-border-strong));
  }
  /* Shape cues, so colour is not the only thing that tells presences apart (compact mode). */
  .dot[data-status='OFFLINE'] {
    background: transparent;
    border: 2px solid var(--cif-presence-dot-color, var(--cif-color-border-strong));
  }
  .dot[data-status='BUSY_DO_NOT_DISTURB']::after {
    content: '';
    position: absolute;
    inset-inline: 20%;
    inset-block-start: calc(50% - 1px);
    block-size: 2px;
    background: var(--cif-color-surface);
  }
  .dot[data-status='unknown'] {
    background: transparent;
    border: 1px dashed var(--cif-color-border-strong);
  }

  @media (forced-colors: active) {
    /* System colours replace the presence colour: a ring marks the dot, the text carries the meaning. */
    .dot,
    .dot[data-status='OFFLINE'] {
      border: 2px solid CanvasText;
    }
    .dot[data-status='unknown'] {
      border-style: dashed;
    }
  }
`;
