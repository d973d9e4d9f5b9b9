import { css } from 'lit';

export const incomingCallStyles = css`
  :host {
    display: block;
    --cif-incoming-call-max-width: 22rem;
    --cif-incoming-call-accent: var(--cif-color-brand);
  }
  [part='base'] {
    position: relative;
    display: grid;
    gap: var(--cif-space-s);
    max-width: var(--cif-incoming-call-max-width);
    padding: var(--cif-space-m) var(--cif-space-l) var(--cif-space-l);
    border: 1px solid var(--cif-color-border);
    border-block-start: 4px solid var(--cif-incoming-call-accent);
    border-radius: var(--cif-radius-l);
    background: var(--cif-color-surface);
    color: var(--cif-color-text);
    box-shadow: var(--cif-shadow-16);
    overflow: hidden;
  }
  [part='header'] {
    display: flex;
    align-items: center;
    gap: var(--cif-space-s);
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
    font-weight: var(--cif-font-weight-semibold);
    text-transform: none;
  }
  [part='icon'] {
    display: inline-flex;
    color: var(--cif-incoming-call-accent);
  }
  [part='icon'] svg {
    width: 16px;
    height: 16px;
  }
  [part='caller'] {
    display: grid;
    gap: 2px;
    min-width: 0;
  }
  [part='name'] {
    font-size: var(--cif-font-size-500);
    font-weight: var(--cif-font-weight-semibold);
    line-height: 1.25;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
    display: -webkit-box;
    -webkit-line-clamp: 3;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  [part='number'] {
    font-size: var(--cif-font-size-400);
    color: var(--cif-color-text-muted);
    unicode-bidi: isolate;
    overflow-wrap: anywhere;
  }
  [part='details'] {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px var(--cif-space-s);
    margin: 0;
    font-size: var(--cif-font-size-200);
  }
  [part='details'] dt {
    color: var(--cif-color-text-muted);
  }
  [part='details'] dd {
    margin: 0;
    min-width: 0;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  [part='status'] {
    margin: 0;
    font-size: var(--cif-font-size-200);
    color: var(--cif-color-danger);
  }
  [part='countdown'] {
    font-size: var(--cif-font-size-200);
    color: var(--cif-color-text-muted);
    font-variant-numeric: tabular-nums;
  }
  [part='countdown-bar'] {
    position: absolute;
    inset-block-start: 0;
    inset-inline: 0;
    height: 3px;
    background: var(--cif-incoming-call-accent);
    transform: scaleX(var(--cif-incoming-call-progress, 1));
    transform-origin: left center;
    transition: transform 1s linear;
  }
  :host(:dir(rtl)) [part='countdown-bar'] {
    transform-origin: right center;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cif-space-s);
    margin-block-start: var(--cif-space-xs);
  }
  [part='accept'],
  [part='decline'] {
    flex: 1 1 auto;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--cif-space-xs);
    min-height: var(--cif-size-control);
    padding: 0 var(--cif-space-m);
    border: 1px solid transparent;
    border-radius: var(--cif-radius-m);
    font-weight: var(--cif-font-weight-semibold);
    cursor: pointer;
    transition: background-color var(--cif-duration-fast);
  }
  [part='accept'] {
    background: var(--cif-color-brand);
    color: var(--cif-color-on-brand);
  }
  [part='accept']:hover {
    background: var(--cif-color-brand-hover);
  }
  [part='accept']:active {
    background: var(--cif-color-brand-pressed);
  }
  [part='decline'] {
    background: var(--cif-color-danger);
    color: var(--cif-color-on-danger);
  }
  [part='decline']:hover {
    background: var(--cif-color-danger-hover);
  }
  [part='accept'] svg,
  [part='decline'] svg {
    flex: none;
    width: 16px;
    height: 16px;
  }
  [part='shortcuts'] {
    margin: 0;
    font-size: var(--cif-font-size-200);
    color: var(--cif-color-text-muted);
  }
  kbd {
    font: inherit;
    font-weight: var(--cif-font-weight-semibold);
  }
  @media (prefers-reduced-motion: reduce) {
    [part='countdown-bar'] {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    [part='base'] {
      border-color: CanvasText;
    }
    [part='countdown-bar'] {
      background: Highlight;
    }
    [part='accept'],
    [part='decline'] {
      border-color: ButtonText;
    }
  }
`;
