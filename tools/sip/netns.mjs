// Runs a node script inside a fresh network namespace that has only a loopback interface, so every packet
// it (and the Kamailio and browsers it starts) sends stays on 127.0.0.1. As root: `unshare --net`; otherwise
// an unprivileged user namespace (`unshare --net --map-root-user`) when the kernel allows it.
import { spawnSync } from 'node:child_process';

export const NETNS_ENV = 'CIF_SIP_NETNS';

/** True inside the namespace this module made. */
export function inLoopbackNamespace() {
  return process.env[NETNS_ENV] === '1';
}

/**
 * Re-runs `script` with `args` inside a loopback-only namespace and returns its exit status, or
 * `{ error }` when no namespace can be made here.
 */
export function runInLoopbackNamespace(script, args = []) {
  const inner = 'ip link set lo up && exec "$0" "$@"';
  const env = { ...process.env, [NETNS_ENV]: '1' };
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const attempts = asRoot ? [['--net']] : [['--net', '--map-root-user']];
  for (const flags of attempts) {
    const probe = spawnSync('unshare', [...flags, '--', 'sh', '-c', 'ip link set lo up'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const r = spawnSync('unshare', [...flags, '--', 'sh', '-c', inner, process.execPath, script, ...args], { stdio: 'inherit', env });
    return { status: r.status ?? 1 };
  }
  return { error: 'cannot create a network namespace here (needs root, or unprivileged user namespaces): unshare --net failed' };
}
