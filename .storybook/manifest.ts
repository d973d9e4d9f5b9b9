// Shapes custom-elements.json for Storybook's web-components renderer, which turns every member,
// attribute, event, slot, CSS part and custom property of a tag into an argType (controls + docs table).

/** The little of the Custom Elements Manifest schema used here. */
interface Member {
  kind: string;
  name: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  description?: string;
  type?: { text: string };
}
interface Attribute {
  name: string;
  fieldName?: string;
}
interface Named {
  name: string;
  [key: string]: unknown;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  members?: Member[];
  attributes?: Attribute[];
  slots?: Named[];
  cssParts?: Named[];
  [key: string]: unknown;
}
/** A Custom Elements Manifest (schema 1.x). */
export interface Manifest {
  schemaVersion: string;
  modules: Array<{ kind: string; path: string; declarations?: Declaration[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

const isPublic = (m: Member) =>
  (!m.privacy || m.privacy === 'public') && !m.static && !m.name.startsWith('_') && !/@internal\b/.test(m.description ?? '');

/**
 * The manifest as the catalog shows it: only public instance members, and no member that has an attribute
 * (the attribute's own entry, under its kebab-case name, is the control the stories read). Slots and CSS
 * parts are renamed `slot="name"` and `::part(name)`: Storybook keys every entry by its name, so a part
 * named like an attribute (`label`) would otherwise replace the attribute's control.
 */
export function publicManifest(manifest: Manifest): Manifest {
  return {
    ...manifest,
    modules: manifest.modules.map((mod) => ({
      ...mod,
      declarations: mod.declarations?.map((d) =>
        d.customElement
          ? {
              ...d,
              members: (d.members ?? []).filter((m) => isPublic(m) && !m.attribute),
              slots: d.slots?.map((s) => ({ ...s, name: s.name ? `slot="${s.name}"` : '(default slot)' })),
              cssParts: d.cssParts?.map((p) => ({ ...p, name: `::part(${p.name})` })),
            }
          : d,
      ),
    })),
  };
}

/**
 * Names of the arguments that must not get a control, per tag: read-only properties, output-only
 * attributes (documented with `@attr` and backed by no property: the element owns them), properties that
 * hold a client or an error object, and the `extra` ones (`tag:name`).
 */
export function outputOnly(manifest: Manifest, extra: readonly string[] = []): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      const names = new Set<string>();
      for (const m of d.members ?? []) {
        if (m.kind === 'field' && isPublic(m) && (m.readonly || /\b(CifClient|CifError)\b/.test(m.type?.text ?? ''))) {
          names.add(m.name);
        }
      }
      for (const a of d.attributes ?? []) if (!a.fieldName) names.add(a.name);
      for (const e of extra) if (e.startsWith(`${d.tagName}:`)) names.add(e.slice(d.tagName.length + 1));
      out.set(d.tagName, names);
    }
  }
  return out;
}
