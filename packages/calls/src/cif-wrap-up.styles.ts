import { css } from 'lit';

export const wrapUpStyles = css`
  :host {
    display: block;
    --cif-wrap-up-max-width: 22rem;
    --cif-wrap-up-notes-rows: 4;
  }
  [part='base'] {
    display: grid;
    gap: var(--cif-space-m);
    max-width: var(--cif-wrap-up-max-width);
    margin: 0;
  }
  [part='summary'] {
    display: grid;
    gap: 2px;
    min-width: 0;
  }
  [part='heading'] {
    font-size: var(--cif-font-size-200);
    font-weight: var(--cif-font-weight-semibold);
    color: var(--cif-color-text-muted);
  }
  [part='caller'] {
    font-size: var(--cif-font-size-400);
    font-weight: var(--cif-font-weight-semibold);
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  [part='number'],
  [part='duration'] {
    color: var(--cif-color-text-muted);
    unicode-bidi: isolate;
    font-variant-numeric: tabular-nums;
  }
  [part='meta'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cif-space-s);
  }
  fieldset {
    display: grid;
    gap: var(--cif-space-xs);
    min-width: 0;
    margin: 0;
    padding: var(--cif-space-s) var(--cif-space-m);
    border: 1px solid var(--cif-color-border);
    border-radius: var(--cif-radius-m);
  }
  legend {
    padding: 0 var(--cif-space-xs);
    font-weight: var(--cif-font-weight-semibold);
  }
  [part~='record'] {
    display: flex;
    align-items: flex-start;
    gap: var(--cif-space-s);
    min-width: 0;
    padding-block: 2px;
  }
  [part~='record'] input {
    margin: 3px 0 0;
    flex: none;
  }
  .record-text {
    min-width: 0;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  .record-kind {
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
  }
  .note {
    margin: 0;
    color: var(--cif-color-text-muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cif-space-s);
    align-items: center;
  }
  label.field {
    display: grid;
    gap: var(--cif-space-xs);
    font-weight: var(--cif-font-weight-semibold);
  }
  textarea,
  select {
    font: inherit;
    font-weight: var(--cif-font-weight-regular);
    color: var(--cif-color-text);
    background: var(--cif-color-surface);
    border: 1px solid var(--cif-color-border-strong);
    border-radius: var(--cif-radius-m);
    padding: var(--cif-space-xs) var(--cif-space-s);
    min-height: var(--cif-size-control);
    width: 100%;
  }
  textarea {
    resize: vertical;
    min-height: calc(var(--cif-wrap-up-notes-rows) * 1.43em + 2 * var(--cif-space-xs));
  }
  button {
    min-height: var(--cif-size-control);
    padding: 0 var(--cif-space-m);
    border: 1px solid var(--cif-color-border);
    border-radius: var(--cif-radius-m);
    background: var(--cif-color-surface);
    cursor: pointer;
  }
  button:hover {
    background: var(--cif-color-surface-hover);
  }
  button:active {
    background: var(--cif-color-surface-pressed);
  }
  button[disabled] {
    cursor: default;
    opacity: 0.6;
  }
  [part='submit'] {
    background: var(--cif-color-brand);
    border-color: var(--cif-color-brand);
    color: var(--cif-color-on-brand);
    font-weight: var(--cif-font-weight-semibold);
  }
  [part='submit']:hover {
    background: var(--cif-color-brand-hover);
  }
  [part='submit']:active {
    background: var(--cif-color-brand-pressed);
  }
  [part='status'] {
    color: var(--cif-color-text-muted);
    overflow-wrap: anywhere;
  }
  :host([log-state='saved']) [part='status'] {
    color: var(--cif-color-success);
  }
  [part='error'] {
    display: grid;
    gap: var(--cif-space-xs);
    padding: var(--cif-space-s) var(--cif-space-m);
    border: 1px solid var(--cif-color-danger);
    border-radius: var(--cif-radius-m);
    background: var(--cif-color-danger-subtle);
    overflow-wrap: anywhere;
  }
  [part='error'] strong {
    color: var(--cif-color-danger);
  }
  [part='pending'] {
    margin: 0;
    color: var(--cif-color-text-muted);
    font-size: var(--cif-font-size-200);
  }
  @media (forced-colors: active) {
    [part='error'],
    fieldset {
      border-color: CanvasText;
    }
    [part='submit'] {
      border-color: ButtonText;
    }
  }
`;
