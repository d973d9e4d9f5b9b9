import { css } from 'lit';
import type { CSSResult } from 'lit';

/**
 * Styles of `<cif-session-list>`'s list and rows: part of the lazy rows module (session-rows.ts), added to
 * the element's shadow root when it arrives.
 */
export const sessionRowStyles = css`
  [part~='list'] {
    margin: 0;
    padding: 0;
    max-height: var(--cif-session-list-max-height);
    overflow-y: auto;
    overscroll-behavior: contain;
  }

  [part~='session'] {
    position: relative;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'title badge'
      'meta meta';
    align-items: center;
    column-gap: var(--cif-space-s);
    min-height: var(--cif-session-list-row-height);
    padding-block: var(--cif-space-s);
    padding-inline: calc(var(--cif-space-m) - 3px) var(--cif-space-m);
    border-inline-start: 3px solid transparent;
    border-block-end: 1px solid var(--cif-color-border);
    background: var(--cif-color-surface);
    cursor: pointer;
    user-select: none;
  }
  [part~='session']:hover {
    background: var(--cif-color-surface-hover);
  }
  [part~='session']:active {
    background: var(--cif-color-surface-pressed);
  }
  [part~='session']:focus-visible {
    outline-offset: -2px;
  }
  [part~='session'][aria-selected='true'] {
    border-inline-start-color: var(--cif-color-brand);
    background: var(--cif-color-brand-subtle);
  }
  [part~='session'][aria-selected='true'] [part~='title'] {
    font-weight: var(--cif-font-weight-semibold);
  }
  [part~='session'][aria-busy='true'] {
    cursor: progress;
  }

  [part~='title'] {
    grid-area: title;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    unicode-bidi: isolate;
  }

  [part~='badge'] {
    grid-area: badge;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: 20px;
    height: 20px;
    padding: 0 6px;
    border-radius: var(--cif-radius-circle);
    background: var(--cif-color-brand);
    color: var(--cif-color-on-brand);
    font-size: var(--cif-font-size-200);
    font-weight: var(--cif-font-weight-semibold);
    line-height: 1;
  }

  .meta {
    grid-area: meta;
    display: flex;
    align-items: center;
    gap: var(--cif-space-s);
    min-width: 0;
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
  }
  .meta:empty {
    display: none;
  }
  [part~='channel'] {
    display: inline-flex;
    align-items: center;
    gap: var(--cif-space-xs);
    flex: 0 0 auto;
    min-width: 0;
    max-width: 40%;
  }
  [part~='channel'] svg {
    flex: none;
    width: 16px;
    height: 16px;
  }
  .channel-label,
  [part~='customer'] {
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    unicode-bidi: isolate;
  }
  [part~='customer'] {
    flex: 1 1 0;
  }
  [part~='age'] {
    flex: none;
    margin-inline-start: auto;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  @media (forced-colors: active) {
    [part~='session'] {
      border-inline-start-color: Canvas;
    }
    [part~='session'][aria-selected='true'] {
      border-inline-start-color: Highlight;
    }
    [part~='badge'] {
      border: 1px solid CanvasText;
    }
  }
`;

const ROW_CONTAINMENT = /*css*/ `[part~='session'] {
  content-visibility: auto;
  contain-intrinsic-block-size: auto var(--cif-session-list-row-height);
}
.block {
  content-visibility: auto;
  contain-intrinsic-block-size: auto calc(20 * var(--cif-session-list-row-height));
}`;

/**
 * With 1,000 rows, the browser skips style, layout and paint of the rows that are off screen. A constructed
 * sheet rather than a `css` literal only because lit-analyzer's CSS data predates these two properties.
 */
export const rowContainmentStyles: CSSStyleSheet | CSSResult =
  typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype
    ? (() => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(ROW_CONTAINMENT);
        return sheet;
      })()
    : css``;
