import { svg } from 'lit';
import type { TemplateResult } from 'lit';
import { icon } from '@cif-elements/core/icons';

// The dialer's own icon (the phone and hang-up handsets, and the frame, are @cif-elements/core/icons'; the
// in-call view's own icons are in in-call.ts, loaded with it). Decorative: always `aria-hidden`.

export const backspaceIcon: TemplateResult = icon(svg`<path d="M9 5h10.5A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5H9l-6-7z" /><path d="M12 9.5l5 5M17 9.5l-5 5" />`);
