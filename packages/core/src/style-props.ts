import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type DirectiveResult, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`element.style.setProperty`) on every render —
 * including the first, where Lit's own `styleMap` writes a `style="…"` attribute that a strict
 * Content-Security-Policy (no `'unsafe-inline'` for `style-src-attr`) blocks. Use it in a `style`
 * attribute position: `<span style=${styleProps({ '--dot': colour })}>`. `undefined`/`null` removes.
 */
class StylePropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ATTRIBUTE || info.name !== 'style') {
      throw new Error('styleProps() must be used in the style attribute');
    }
  }

  render(_props: Readonly<Record<string, string | undefined | null>>): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [Readonly<Record<string, string | undefined | null>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) {
      if (props[name] === undefined || props[name] === null) style.removeProperty(name);
    }
    this.previous = new Set();
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null) continue;
      style.setProperty(name, value);
      this.previous.add(name);
    }
    return noChange;
  }
}

/** CSP-safe inline style properties; see {@link StylePropsDirective}. */
export const styleProps: (props: Readonly<Record<string, string | undefined | null>>) => DirectiveResult<typeof StylePropsDirective> =
  directive(StylePropsDirective);
