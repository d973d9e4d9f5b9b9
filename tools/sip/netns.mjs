// Runs a node script inside a fresh network namespace that has only a loopback interface, so every packet
// it (and the Kamailio and browsers it starts) sends stays on 127.0.0.1. As root: `unshare --net`; otherwise
// an unprivileged user namespace (`unshare --net --map-root-user`) when the kernel allows it.
//
// The namespace's default route goes over `lo` too (`default dev lo src 127.0.0.1`). Firefox needs it:
// when a page has no camera/microphone permission of its own (fake devices do not count), its ICE agent
// (nICEr) uses only the machine's "default address", which it finds by connect()ing a UDP socket towards
// a public address and reading the local address the kernel chose; with no route at all that connect()
// fails (ENETUNREACH, NSPR -5980: "failed to find default addresses") and Firefox gathers no candidate.
// With the route over lo the kernel answers 127.0.0.1. It adds no interface: a packet for any other
// address goes round lo inside the namespace (`ip route get 8.8.8.8` → `dev lo src 127.0.0.1`), and `lo`
// is still the namespace's only interface, so nothing can leave it. (A `blackhole` default route would
// not do: connect() fails on it too.)
import { spawnSync } from 'node:child_process';

export const NETNS_ENV = 'CIF_SIP_NETNS';

/** The namespace's set-up: lo up, and the default route over lo (see above). */
const LOOPBACK_ONLY = 'ip link set lo up && ip route add default dev lo src 127.0.0.1';

/** True inside the namespace this module made. */
export function inLoopbackNamespace() {
  return process.env[NETNS_ENV] === '1';
}

/**
 * Re-runs `script` with `args` inside a loopback-only namespace and returns its exit status, or
 * `{ error }` when no namespace can be made here.
 */
export function runInLoopbackNamespace(script, args = []) {
  const inner = `${LOOPBACK_ONLY} && exec "$0" "$@"`;
  const env = { ...process.env, [NETNS_ENV]: '1' };
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const attempts = asRoot ? [['--net']] : [['--net', '--map-root-user']];
  for (const flags of attempts) {
    const probe = spawnSync('unshare', [...flags, '--', 'sh', '-c', LOOPBACK_ONLY], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const r = spawnSync('unshare', [...flags, '--', 'sh', '-c', inner, process.execPath, script, ...args], { stdio: 'inherit', env });
    return { status: r.status ?? 1 };
  }
  return { error: 'cannot create a network namespace here (needs root, or unprivileged user namespaces): unshare --net failed' };
}
