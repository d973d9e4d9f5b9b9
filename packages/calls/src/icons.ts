import { svg, type SVGTemplateResult } from 'lit';

/** A telephone handset (decorative; 20×20 view box). */
export const phoneIcon: SVGTemplateResult = svg`<svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M5.7 2.4 8 4.7c.4.4.4 1.1 0 1.5L6.8 7.4a10.6 10.6 0 0 0 5.8 5.8l1.2-1.2c.4-.4 1.1-.4 1.5 0l2.3 2.3c.4.4.4 1.1 0 1.5l-1.4 1.4c-.8.8-2 1.1-3.1.7A16.4 16.4 0 0 1 2.1 6.9c-.4-1.1-.1-2.3.7-3.1l1.4-1.4c.4-.4 1.1-.4 1.5 0Z"/></svg>`;

/** The handset turned down: hang up / decline (decorative). */
export const hangupIcon: SVGTemplateResult = svg`<svg viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path transform="rotate(135 10 10)" d="M5.7 2.4 8 4.7c.4.4.4 1.1 0 1.5L6.8 7.4a10.6 10.6 0 0 0 5.8 5.8l1.2-1.2c.4-.4 1.1-.4 1.5 0l2.3 2.3c.4.4.4 1.1 0 1.5l-1.4 1.4c-.8.8-2 1.1-3.1.7A16.4 16.4 0 0 1 2.1 6.9c-.4-1.1-.1-2.3.7-3.1l1.4-1.4c.4-.4 1.1-.4 1.5 0Z"/></svg>`;
