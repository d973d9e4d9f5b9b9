import { svg, html } from 'lit';
import type { TemplateResult } from 'lit';

/** Small stroke icons of `<cif-dialer>` (drawn for this package), decorative: always `aria-hidden`. */
const icon = (body: TemplateResult<2>) =>
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

const handset = svg`<path d="M6.5 3.5h3l1.6 4.2-2.1 1.4a11.5 11.5 0 0 0 5.9 5.9l1.4-2.1 4.2 1.6v3a2 2 0 0 1-2.2 2A17 17 0 0 1 4.5 5.7a2 2 0 0 1 2-2.2z" />`;

export const phoneIcon = icon(handset);
export const hangupIcon = icon(svg`<g transform="rotate(135 12 12)">${handset}</g>`);
export const backspaceIcon = icon(svg`<path d="M9 5h10.5A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5H9l-6-7z" /><path d="M12 9.5l5 5M17 9.5l-5 5" />`);
export const micIcon = icon(svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21" />`);
export const micOffIcon = icon(
  svg`<rect x="9" y="3" width="6" height="11" rx="3" /><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M3.5 3.5l17 17" />`,
);
export const holdIcon = icon(svg`<path d="M9 6v12M15 6v12" />`);
export const keypadIcon = icon(
  svg`<g fill="currentColor" stroke="none"><circle cx="6" cy="5" r="1.6" /><circle cx="12" cy="5" r="1.6" /><circle cx="18" cy="5" r="1.6" /><circle cx="6" cy="11" r="1.6" /><circle cx="12" cy="11" r="1.6" /><circle cx="18" cy="11" r="1.6" /><circle cx="6" cy="17" r="1.6" /><circle cx="12" cy="17" r="1.6" /><circle cx="18" cy="17" r="1.6" /><circle cx="12" cy="22" r="1.4" /></g>`,
);
