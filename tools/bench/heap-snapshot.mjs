// Heap snapshots through CDP (playwright-core's CDPSession), summarised for `npm run bench:calls`
// (BENCH_HEAP_DIFF=200,800): what the growth per call is made of, and who holds the id strings.

/** Takes a heap snapshot (after a GC) and parses it. */
export async function takeHeapSnapshot(cdp) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return JSON.parse(chunks.join(''));
}

/** Constructor / type name → { count, bytes } (self sizes). */
export function summarise(snap) {
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = [f.indexOf('type'), f.indexOf('name'), f.indexOf('self_size')];
  const out = new Map();
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    const type = types[snap.nodes[i + iType]];
    let name = String(snap.strings[snap.nodes[i + iName]]);
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = '(string)';
    else if (type === 'number') name = '(heap number)';
    else if (type !== 'object') name = `(${type}) ${name.slice(0, 60)}`;
    const e = out.get(name) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += snap.nodes[i + iSize];
    out.set(name, e);
  }
  return out;
}

/** For strings matching `pattern`: their retainer paths (first retainer, up to `depth` levels), most common first. */
export function retainersOf(snap, pattern, depth = 5) {
  const f = snap.snapshot.meta.node_fields;
  const ef = snap.snapshot.meta.edge_fields;
  const types = snap.snapshot.meta.node_types[0];
  const etypes = snap.snapshot.meta.edge_types[0];
  const [iType, iName, iEc] = [f.indexOf('type'), f.indexOf('name'), f.indexOf('edge_count')];
  const [eType, eName, eTo] = [ef.indexOf('type'), ef.indexOf('name_or_index'), ef.indexOf('to_node')];
  const parent = new Map();
  let e = 0;
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    for (let k = 0; k < snap.nodes[i + iEc]; k++, e += ef.length) {
      const to = snap.edges[e + eTo];
      const et = etypes[snap.edges[e + eType]];
      if (et === 'weak' || parent.has(to)) continue;
      const named = et === 'property' || et === 'context' || et === 'shortcut';
      parent.set(to, { from: i, edge: named ? `${et}:${snap.strings[snap.edges[e + eName]]}` : et });
    }
  }
  const label = (i) => `${types[snap.nodes[i + iType]]}:${String(snap.strings[snap.nodes[i + iName]]).slice(0, 40)}`;
  const by = new Map();
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    if (types[snap.nodes[i + iType]] !== 'string' || !pattern.test(String(snap.strings[snap.nodes[i + iName]]))) continue;
    const path = [];
    for (let n = i, d = 0; d < depth; d++) {
      const p = parent.get(n);
      if (!p) break;
      path.push(`${p.edge} ${label(p.from)}`);
      n = p.from;
    }
    const key = path.join(' <- ');
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  return [...by].sort((x, y) => y[1] - x[1]);
}
