// Writes a package-lock.json for a consumer app from the monorepo's own lockfile, so that
// `npm ci --offline` installs it from the npm cache that the monorepo's `npm ci` filled (tarballs by
// integrity; no registry metadata needed) plus the packed workspace tarballs.
//
// The monorepo lockfile describes a valid hoisted node_modules tree; any subset of it that is closed under
// Node's lookup (a package's dependency is found in its own node_modules, then in each parent's, up to the
// root) is a valid tree too. The workspace packages (links in the monorepo) become `file:` tarball entries.

/** `node_modules/a/node_modules/@s/b` → `node_modules/a`; `node_modules/a` → `` (the root). */
function parentOf(path) {
  const i = path.lastIndexOf('node_modules/');
  return path.slice(0, i).replace(/\/$/, '');
}

/**
 * @param {object} lock the monorepo package-lock.json (lockfileVersion 3)
 * @param {object} app  { name, dependencies: {name: spec} } — the app's package.json (tarball deps as file:)
 * @param {Map<string, {file: string, integrity: string, pkg: object}>} tarballs workspace package name → packed tarball
 */
export function appLockfile(lock, app, tarballs) {
  const out = {};
  const queue = [];

  function locate(from, dep) {
    if (tarballs.has(dep)) return `node_modules/${dep}`;
    for (let base = from; ; base = parentOf(base)) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
      const entry = lock.packages[candidate];
      if (entry && !entry.link) return candidate;
      if (!base) return undefined;
    }
  }

  function add(path) {
    if (out[path]) return;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (tarballs.has(name)) {
      const t = tarballs.get(name);
      const { dependencies, peerDependencies, peerDependenciesMeta, version, license } = t.pkg;
      out[path] = { version, resolved: `file:${t.file}`, integrity: t.integrity, license, dependencies, peerDependencies, peerDependenciesMeta };
    } else {
      // every package is a plain dependency of the app (no dev/peer flags from the monorepo's view)
      const entry = { ...lock.packages[path] };
      for (const flag of ['dev', 'devOptional', 'peer']) delete entry[flag];
      out[path] = entry;
    }
    queue.push(path);
  }

  for (const dep of Object.keys({ ...app.dependencies, ...app.devDependencies })) {
    const at = locate('', dep);
    if (!at) throw new Error(`consumer lockfile: ${dep} is not in the monorepo lockfile`);
    add(at);
  }
  while (queue.length) {
    const path = queue.shift();
    const entry = out[path];
    const optionalPeers = new Set(Object.entries(entry.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n));
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}).map((d) => [d, true]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((d) => [d, false]),
      ...Object.keys(entry.peerDependencies ?? {}).filter((d) => !optionalPeers.has(d)).map((d) => [d, true]),
    ];
    for (const [dep, required] of wanted) {
      const at = locate(path, dep);
      if (at) add(at);
      else if (required) throw new Error(`consumer lockfile: ${path} needs ${dep}, which the monorepo lockfile does not have`);
    }
  }
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    name: app.name,
    version: app.version ?? '0.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: app.name, version: app.version ?? '0.0.0', dependencies: app.dependencies, devDependencies: app.devDependencies },
      ...sorted,
    },
  };
}
