/**
 * The icons every cif-element shares (`@cif-elements/core/icons`), drawn once: 24 × 24 strokes in
 * `currentColor`, decorative (`aria-hidden`: the button's text names it). One telephone handset for the
 * dialer's call and transfer buttons, the incoming-call toast and the session list's voice channel, turned
 * down for hang-up and decline.
 */
import { html, svg } from 'lit';
import type { SVGTemplateResult, TemplateResult } from 'lit';

/**
 * `body` (24 × 24 strokes) as a decorative `<svg class="icon">`, `size` px square (20 by default; CSS may
 * resize it).
 */
export function icon(body: SVGTemplateResult, size = 20): TemplateResult {
  return html`<svg
    class="icon"
    viewBox="0 0 24 24"
    width=${size}
    height=${size}
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
}

/** The telephone handset: the one phone drawing of cif-elements (24 × 24 strokes, for {@link icon}). */
export const handset: SVGTemplateResult = svg`<path d="M6.5 3.5h3l1.6 4.2-2.1 1.4a11.5 11.5 0 0 0 5.9 5.9l1.4-2.1 4.2 1.6v3a2 2 0 0 1-2.2 2A17 17 0 0 1 4.5 5.7a2 2 0 0 1 2-2.2z" />`;

/** The handset turned down: hang up, decline. */
export const hangupHandset: SVGTemplateResult = svg`<g transform="rotate(135 12 12)">${handset}</g>`;

/** {@link handset} as a 20 px icon. */
export const phoneIcon: TemplateResult = icon(handset);

/** {@link hangupHandset} as a 20 px icon. */
export const hangupIcon: TemplateResult = icon(hangupHandset);
