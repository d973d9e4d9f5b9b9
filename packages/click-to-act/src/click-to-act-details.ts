/**
 * `<cif-click-to-act>`'s details: the error of a read or write and the last clicked item, with their styles.
 * Both only ever show once a client is there, so this module is not part of the first paint: the element
 * loads it inside a `<cif-provider>` (with the client) or when a client arrives.
 *
 * It imports nothing from Lit at run time: the element hands over `html` and `nothing`, and the styles are
 * CSS text the element adopts. With Rolldown 1.2, a third lazy chunk importing `lit` made the single-file
 * build split Lit out of the entry into a chunk the entry imported statically (the build refuses that);
 * the presence menu does the same.
 */
import type { TemplateResult, html as litHtml, nothing as litNothing } from 'lit';
import type { CifClient, CifError, ClickToActPayload } from '@cif-elements/client/api';
import type { CifClickToActStrings } from './strings.js';

/** A read or write that failed, and the client it failed on. */
export interface ClickToActFailure {
  kind: 'read' | 'write';
  error: CifError;
  client: CifClient;
}

/** What the details show, from the element. */
export interface ClickToActDetails {
  /** Lit's `html` and `nothing`, from the element. */
  lit: { html: typeof litHtml; nothing: typeof litNothing };
  s: CifClickToActStrings;
  failure: ClickToActFailure | undefined;
  retry: () => void;
  last: ClickToActPayload | undefined;
  /** The hint while on and nothing was clicked yet (not compact, a client, on). */
  showEmpty: boolean;
}

/** The error (role="alert", with "Try again" for a read) and the last clicked item. */
export function renderDetails(d: ClickToActDetails, hideLast: boolean): TemplateResult {
  const { s, failure } = d;
  const { html, nothing } = d.lit;
  return html`${failure
    ? html`<div part="error" id="error" role="alert">
        <span class="error-text">
          <span class="error-title">${failure.kind === 'read' ? s.readError : s.writeError}</span>
          <span class="error-message">${failure.error.message}</span>
        </span>
        ${failure.kind === 'read' ? html`<button part="retry" type="button" @click=${d.retry}>${s.retry}</button>` : nothing}
      </div>`
    : nothing}${hideLast ? nothing : renderLast(d)}`;
}

function renderLast(d: ClickToActDetails): unknown {
  const { s, last: item } = d;
  const { html, nothing } = d.lit;
  if (!item) return d.showEmpty ? html`<p part="last-empty">${s.lastEmpty}</p>` : nothing;
  return html`<div part="last" role="group" aria-labelledby="last-heading">
    <p part="last-heading" id="last-heading">${s.lastHeading}</p>
    <dl>
      <div>
        <dt>${s.lastValue}</dt>
        <dd part="last-value" title=${item.value}><bdi>${item.value}</bdi></dd>
      </div>
      ${item.name
        ? html`<div>
            <dt>${s.lastField}</dt>
            <dd part="last-field" title=${item.name}><bdi>${item.name}</bdi></dd>
          </div>`
        : nothing}
      ${item.entityLogicalName
        ? html`<div>
            <dt>${s.lastEntity}</dt>
            <dd part="last-entity" title=${item.entityLogicalName}><bdi>${item.entityLogicalName}</bdi></dd>
          </div>`
        : nothing}
    </dl>
  </div>`;
}

/** Styles of the details, as CSS text (the element adopts them when this module arrives). */
export const detailCss = /*css*/ `
  /* ------------------------------------------------------------------ error */

  [part='error'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--cif-space-s);
    margin-block-start: var(--cif-space-s);
    padding: var(--cif-space-s) var(--cif-space-m);
    border: 1px solid var(--cif-color-danger);
    border-inline-start-width: 4px;
    border-radius: var(--cif-radius-m);
    background: var(--cif-color-danger-subtle);
    color: var(--cif-color-text);
  }
  .error-text {
    flex: 1 1 12em;
    min-width: 0;
    overflow-wrap: anywhere;
    /* A hostile or huge CIF message must not take over the widget. */
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 4;
    overflow: hidden;
  }
  .error-title {
    font-weight: var(--cif-font-weight-semibold);
    color: var(--cif-color-danger);
  }

  /* ------------------------------------------------------------------ last clicked item */

  [part='last'] {
    margin-block-start: var(--cif-space-s);
    padding: var(--cif-space-s) var(--cif-space-m);
    border: 1px solid var(--cif-color-border);
    border-radius: var(--cif-radius-m);
    background: var(--cif-color-surface-alt);
    min-width: 0;
  }
  [part='last-heading'] {
    margin: 0 0 var(--cif-space-xs);
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
    font-weight: var(--cif-font-weight-regular);
  }
  dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    column-gap: var(--cif-space-s);
    row-gap: 2px;
    margin: 0;
  }
  dl > div {
    display: contents;
  }
  dt {
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
    align-self: baseline;
  }
  dd {
    margin: 0;
    min-width: 0;
    align-self: baseline;
    /* One line each; hostile or 100 KB values are cut with an ellipsis instead of stretching the panel. */
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  bdi {
    unicode-bidi: isolate;
  }
  [part='last-value'] {
    font-size: var(--cif-font-size-400);
    font-weight: var(--cif-font-weight-semibold);
    /* The number itself is never cut: it wraps (two lines at most for a hostile value). */
    white-space: normal;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
  }

  [part='last-empty'] {
    margin: var(--cif-space-xs) 0 0;
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
  }

  /* ------------------------------------------------------------------ compact */

  :host([compact]) [part='last'] {
    padding: var(--cif-space-xs) var(--cif-space-s);
  }
  :host([compact]) [part='last-heading'] {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  @media (forced-colors: active) {
    [part='error'],
    [part='last'] {
      border-color: CanvasText;
    }
    .error-title {
      color: CanvasText;
    }
  }

  [part='last'] {
    /* Narrow panels: the field/entity list stacks when there is no room for two columns. */
    container-type: inline-size;
  }
  @container (max-width: 10rem) {
    dl {
      grid-template-columns: minmax(0, 1fr);
    }
    dd + dt,
    div + div > dt {
      margin-block-start: var(--cif-space-xs);
    }
  }
`;
