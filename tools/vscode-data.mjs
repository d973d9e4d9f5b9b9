// Generates vscode.html-custom-data.json (VS Code's HTML custom data, version 1.1) from custom-elements.json:
// every cif-* tag with its description (summary, events, slots, parts, CSS custom properties) and its
// attributes with their descriptions and value sets. .vscode/settings.json points `html.customData` at it,
// so VS Code completes and documents <cif-dialer default-country="…"> in any HTML file of the repo.
//
//   node tools/vscode-data.mjs           write the file (run by `npm run analyze`, after cem)
//   node tools/vscode-data.mjs --check   exit 1 if the committed file is stale
//
// Value sets come from the attribute's type: a union of string/number literals (`'idle' | 'dialing'`), or a
// type alias of one (`CifCallState`), looked up in the packages' sources; boolean attributes get the `v`
// (valueless) set.
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFile = join(root, 'vscode.html-custom-data.json');
const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));

/** Every `type Name = …` in the packages' sources, by name (first wins). */
function typeAliases() {
  const aliases = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false);
        for (const st of sf.statements) {
          if (ts.isTypeAliasDeclaration(st) && !aliases.has(st.name.text)) aliases.set(st.name.text, st.type.getText(sf));
        }
      }
    }
  };
  for (const pkg of readdirSync(join(root, 'packages'))) {
    const src = join(root, 'packages', pkg, 'src');
    if (existsSync(src)) walk(src);
  }
  return aliases;
}
const aliases = typeAliases();

/** The literal values of a type text, or undefined when it is not (only) a union of literals. */
function literalValues(text, seen = new Set()) {
  const values = [];
  for (let part of splitUnion(text)) {
    part = part.trim().replace(/^\((.*)\)$/s, '$1').trim();
    if (part === '' || part === 'undefined' || part === 'null') continue;
    let m;
    if ((m = /^'((?:[^'\\]|\\.)*)'$/.exec(part) ?? /^"((?:[^"\\]|\\.)*)"$/.exec(part))) values.push(m[1]);
    else if (/^-?\d+(\.\d+)?$/.test(part)) values.push(part);
    else if (aliases.has(part) && !seen.has(part)) {
      const inner = literalValues(aliases.get(part), new Set([...seen, part]));
      if (!inner) return undefined;
      values.push(...inner);
    } else return undefined;
  }
  return values.length ? [...new Set(values)] : undefined;
}

/** Splits `A | B` at the top level (not inside quotes, parentheses, brackets or braces). */
function splitUnion(text) {
  const parts = [];
  let depth = 0, quote = '', start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c)) depth--;
    else if (c === '|' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const md = (value) => ({ kind: 'markdown', value });
const oneLine = (s) => String(s ?? '').replace(/\s*\n\s*/g, ' ').trim();

function tagDescription(d) {
  const out = [];
  if (d.summary) out.push(d.summary);
  if (d.description && d.description !== d.summary) out.push(d.description);
  const list = (title, items, fmt) => {
    if (items?.length) out.push(`**${title}**\n\n${items.map((x) => `- ${fmt(x)}`).join('\n')}`);
  };
  list('Events', d.events?.filter((e) => e.name), (e) => `\`${e.name}\`${e.description ? ' — ' + oneLine(e.description) : ''}`);
  list('Slots', d.slots, (s) => `${s.name ? `\`${s.name}\`` : '(default)'}${s.description ? ' — ' + oneLine(s.description) : ''}`);
  list('CSS parts', d.cssParts, (p) => `\`::part(${p.name})\`${p.description ? ' — ' + oneLine(p.description) : ''}`);
  list('CSS custom properties', d.cssProperties, (p) => `\`${p.name}\`${p.default ? ` (default \`${p.default}\`)` : ''}${p.description ? ' — ' + oneLine(p.description) : ''}`);
  return out.join('\n\n');
}

function attribute(a) {
  const type = a.type?.text ?? '';
  const parts = [];
  if (a.description) parts.push(a.description.trim());
  if (type) parts.push(`Type: \`${type}\``);
  if (a.default !== undefined && a.default !== "''") parts.push(`Default: \`${a.default}\``);
  if (a.fieldName) parts.push(`Property: \`${a.fieldName}\``);
  const attr = { name: a.name, description: md(parts.join('\n\n')) };
  if (/^boolean( \| undefined)?$/.test(type.trim())) attr.valueSet = 'v';
  else {
    const values = literalValues(type);
    if (values) attr.values = values.map((name) => ({ name }));
  }
  return attr;
}

const tags = [];
for (const mod of manifest.modules) {
  for (const d of mod.declarations ?? []) {
    if (!d.customElement || !d.tagName) continue;
    tags.push({
      name: d.tagName,
      description: md(tagDescription(d)),
      attributes: (d.attributes ?? []).filter((a) => a.name).map(attribute),
    });
  }
}
tags.sort((a, b) => a.name.localeCompare(b.name));
const text = JSON.stringify({ version: 1.1, tags }, null, 2) + '\n';

if (process.argv.includes('--check')) {
  if (!existsSync(outFile) || readFileSync(outFile, 'utf8') !== text) {
    console.error("vscode.html-custom-data.json is stale: run 'npm run analyze' and commit it.");
    process.exit(1);
  }
} else {
  writeFileSync(outFile, text);
  console.log(`vscode-data: ${tags.length} tags → vscode.html-custom-data.json`);
}
