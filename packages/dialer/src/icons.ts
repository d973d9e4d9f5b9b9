import { svg, html } from 'lit';
import type { TemplateResult } from 'lit';

// Small stroke icons of `<cif-dialer>` (drawn for this package), decorative: always `aria-hidden`. The
// in-call view's own icons are in in-call.ts (loaded with it).

/** An icon of the dialer's set around `body` (24×24 strokes, shown at 20 px). */
export const icon = (body: TemplateResult<2>) =>
  html`<svg
    class="icon"
    viewBox="0 0 24 24"
    width="20"
    height="20"
    aria-hidden="true"
    focusable="false"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
  >
    ${body}
  </svg>`;

/** The handset drawing (also turned down for hang-up in in-call.ts). */
export const handset = svg`<path d="M6.5 3.5h3l1.6 4.2-2.1 1.4a11.5 11.5 0 0 0 5.9 5.9l1.4-2.1 4.2 1.6v3a2 2 0 0 1-2.2 2A17 17 0 0 1 4.5 5.7a2 2 0 0 1 2-2.2z" />`;

export const phoneIcon = icon(handset);
export const backspaceIcon = icon(svg`<path d="M9 5h10.5A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5H9l-6-7z" /><path d="M12 9.5l5 5M17 9.5l-5 5" />`);
