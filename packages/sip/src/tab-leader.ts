/**
 * One registration per agent across the tabs of an origin: a leader chosen with the Web Locks API, and a
 * BroadcastChannel between the leader and the other tabs.
 */

/** This tab's role. */
export type TabRole = 'pending' | 'leader' | 'follower';

/**
 * Holds the exclusive Web Lock `name` while this tab leads. A tab that cannot take it follows, and queues for
 * it: when the leader tab closes (or calls `stop()`), the browser hands the lock to the next tab at once.
 * Without Web Locks (old browsers) every tab leads.
 */
export class TabLeader {
  private _role: TabRole = 'pending';
  private release: (() => void) | undefined;
  private waiting: AbortController | undefined;
  private stopped = false;

  constructor(
    readonly name: string,
    private readonly onRole: (role: 'leader' | 'follower') => void,
  ) {}

  get role(): TabRole {
    return this._role;
  }

  start(): void {
    this.stopped = false;
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    if (!locks) {
      this.lead();
      return;
    }
    void locks
      .request(this.name, { ifAvailable: true }, (lock) => {
        if (lock) return this.lead();
        this.setRole('follower');
        this.waiting = new AbortController();
        void locks.request(this.name, { signal: this.waiting.signal }, () => this.lead()).catch(() => undefined);
        return undefined;
      })
      .catch(() => undefined);
  }

  /** Gives up leadership (or the place in the queue). */
  stop(): void {
    this.stopped = true;
    this.waiting?.abort();
    this.waiting = undefined;
    this.release?.();
    this.release = undefined;
    this._role = 'pending';
  }

  private lead(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.setRole('leader');
    return new Promise<void>((resolve) => (this.release = resolve));
  }

  private setRole(role: 'leader' | 'follower'): void {
    this._role = role;
    this.onRole(role);
  }
}
