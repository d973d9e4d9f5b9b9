import { css } from 'lit';

/**
 * Styles of `<cif-session-list>` before its rows arrive (on top of core's `baseStyles`): the host and its
 * messages. The list's and rows' styles come with the rows (session-rows.styles.ts).
 */
export const sessionListStyles = css`
  :host {
    display: block;
    --cif-session-list-max-height: none;
    --cif-session-list-row-height: 56px;
  }

  .message {
    margin: 0;
    padding: var(--cif-space-m);
    color: var(--cif-color-text-muted);
    overflow-wrap: anywhere;
  }
  .message:focus {
    outline: none;
  }
  .message:focus-visible {
    outline: 2px solid var(--cif-color-focus);
  }

  [part~='error'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--cif-space-xs) var(--cif-space-s);
    align-items: center;
    margin: var(--cif-space-xs) 0;
    padding: var(--cif-space-s) var(--cif-space-m);
    border: 1px solid var(--cif-color-danger);
    border-radius: var(--cif-radius-m);
    background: var(--cif-color-danger-subtle);
    color: var(--cif-color-text);
    overflow-wrap: anywhere;
  }
  [part~='error'] strong {
    color: var(--cif-color-danger);
    font-weight: var(--cif-font-weight-semibold);
  }
  .error-text {
    flex: 1 1 12em;
    min-width: 0;
    unicode-bidi: isolate;
  }
`;
