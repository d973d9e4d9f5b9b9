import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * How long typed letters add up to one search before a new one starts: 700 ms. Agents type-ahead by
 * customer names and presence names ("eve", "away"), often slower than 500 ms a letter on a busy desk;
 * native lists and the common libraries wait about a second (Chromium's `<select>`, React Aria). A second,
 * deliberate jump to another letter after a short pause still works from 0.7 s, and repeating one letter
 * cycles through its matches at any speed (so a longer window costs that nothing).
 */
export const TYPEAHEAD_TIMEOUT_MS = 700;

/** Options of a {@link Typeahead}. */
export interface TypeaheadOptions<T> {
  /** The items in order (called on every key). */
  items: () => readonly T[];
  /** The text(s) an item is found by. */
  text: (item: T) => string | readonly (string | undefined)[] | undefined;
  /** Items that are never found. */
  disabled?: (item: T) => boolean;
}

/**
 * Type-ahead, the part of {@link RovingFocusController} that finds an item by the letters the agent types,
 * usable alone where something else moves with the arrows (native radio buttons): letters typed within
 * {@link TYPEAHEAD_TIMEOUT_MS} search together from the current item; one letter (or the same letter again
 * and again) moves on to the next match, so repeating it cycles through the items that start with it.
 * Matching ignores case and leading spaces. In a `keydown` listener:
 *
 * ```ts
 * if (Typeahead.isKey(e)) {
 *   e.preventDefault();
 *   const index = typeahead.match(e.key, currentIndex, e.timeStamp); // undefined: no match
 * }
 * ```
 */
export class Typeahead<T> {
  private readonly options: TypeaheadOptions<T>;
  private buffer = { text: '', at: -Infinity };

  constructor(options: TypeaheadOptions<T>) {
    this.options = options;
  }

  /** Whether a key is type-ahead: one printable, non-blank character without Ctrl, Alt or Meta. */
  static isKey(e: KeyboardEvent): boolean {
    return !e.ctrlKey && !e.altKey && !e.metaKey && e.key.length === 1 && e.key.trim() !== '';
  }

  /** Forgets the letters typed so far. */
  reset(): void {
    this.buffer = { text: '', at: -Infinity };
  }

  /**
   * The index of the item that `ch`, typed at `now` (ms, e.g. the event's `timeStamp`), moves to from the
   * item at `current` (-1: none); `undefined` when no item matches.
   */
  match(ch: string, current: number, now: number = performance.now()): number | undefined {
    const b = this.buffer;
    b.text = now - b.at > TYPEAHEAD_TIMEOUT_MS || now < b.at ? ch : b.text + ch;
    b.at = now;
    const query = b.text.toLocaleLowerCase();
    const repeated = [...query].every((c) => c === query[0]);
    const needle = repeated ? query[0]! : query;
    const items = this.options.items();
    const n = items.length;
    const start = repeated ? current + 1 : Math.max(0, current);
    for (let k = 0; k < n; k++) {
      const i = (((start + k) % n) + n) % n;
      const item = items[i]!;
      if (this.options.disabled?.(item)) continue;
      const texts = this.options.text(item);
      const list = typeof texts === 'string' ? [texts] : (texts ?? []);
      if (list.some((t) => typeof t === 'string' && t.trim().toLocaleLowerCase().startsWith(needle))) return i;
    }
    return undefined;
  }
}

/** How focus follows the active item. */
export type RovingFocusMode =
  /**
   * Each item is focusable; only the active one is in the tab order (`tabindex` 0, the others -1, see
   * {@link RovingFocusController.tabIndexOf}) and moving focuses it.
   */
  | 'roving-tabindex'
  /**
   * The container keeps focus and names the active item with `aria-activedescendant` (see
   * {@link RovingFocusController.activeId}); moving scrolls it into view.
   */
  | 'activedescendant';

/** Options of a {@link RovingFocusController}. */
export interface RovingFocusOptions<T> {
  /** The items in order (called on every key; may be data, not elements). */
  items: () => readonly T[];
  /**
   * Which arrows move: `vertical` ↑ ↓, `horizontal` ← → (mirrored in right-to-left layouts), `both` all four as
   * a one-dimensional list. With `columns` > 1 the items are a grid: ← → move along a row, ↑ ↓ between rows.
   */
  orientation?: 'vertical' | 'horizontal' | 'both';
  /** Whether moving past the last item goes to the first (and back). Default `false`. */
  wrap?: boolean;
  /**
   * The items are a grid this many columns wide (row by row, e.g. a dial pad: 3). ← → move within the row
   * (with `wrap`, on to the next or previous row), ↑ ↓ by a row (with `wrap`, to the other end of the
   * column), Home / End to the start / end of the row, Ctrl+Home / Ctrl+End to the first / last item.
   */
  columns?: number | (() => number);
  /**
   * In a grid, what Home / End reach without Ctrl: the start / end of the row (`row`, the default, as in the
   * WAI-ARIA grid pattern) or the first / last item (`all`, as a dial pad's keys are read).
   */
  homeEnd?: 'row' | 'all';
  /** How far PageUp / PageDown move (clamped at the ends); not handled when unset. `Infinity`: first / last. */
  pageSize?: number;
  /** The text(s) an item is found by when the agent types letters; no type-ahead when unset. */
  typeahead?: (item: T) => string | readonly (string | undefined)[] | undefined;
  /** Items that cannot be active (skipped by arrows, Home/End and type-ahead). */
  disabled?: (item: T) => boolean;
  /** Identity of an item across updates (default: the item itself), e.g. a session id. */
  key?: (item: T) => unknown;
  /** How focus follows the active item. Default `roving-tabindex`. */
  mode?: RovingFocusMode;
  /** The element of an item (to focus, or to scroll into view); default: the item if it is an element. */
  element?: (item: T) => HTMLElement | null | undefined;
  /** The id of an item's element, for `aria-activedescendant` (default: the element's `id`). */
  id?: (item: T) => string | undefined;
  /**
   * Moves focus to an item (roving-tabindex mode) instead of the default: wait for the host's update, then
   * focus `element(item)`. Use it when the item's element may not be rendered yet.
   */
  focus?: (item: T, index: number) => void | Promise<void>;
  /** Called after the active item changed (by a key or {@link RovingFocusController.setActive}). */
  onActiveChange?: (item: T | undefined, index: number) => void;
  /** Whether the layout runs right to left (mirrors ← →); default: the host's computed `direction`. */
  rtl?: () => boolean;
}

/** What {@link RovingFocusController.setActive} does besides marking the item active. */
export interface SetActiveOptions {
  /** Move focus to it (roving-tabindex) / scroll it into view (activedescendant). Default `true`. */
  focus?: boolean;
}

/**
 * Keyboard movement through a list, menu or grid of items, in one place for every cif-element: arrow keys
 * (mirrored for right-to-left horizontal lists), Home/End, PageUp/PageDown, an optional grid of `columns`,
 * an optional `wrap`, and type-ahead (a {@link Typeahead}: letters typed within {@link TYPEAHEAD_TIMEOUT_MS}
 * search together; repeating one letter cycles through the items that start with it). Focus follows the active item by roving
 * `tabindex` or through `aria-activedescendant`.
 *
 * The host renders `tabindex=${rf.tabIndexOf(item)}` (or `aria-activedescendant=${rf.activeId}`) and calls
 * {@link handleKeydown} from its keydown listener after handling its own keys (Enter, Space, Escape).
 */
export class RovingFocusController<T = HTMLElement> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: RovingFocusOptions<T>;
  private currentKey: unknown = undefined;
  private hasActive = false;
  private readonly typeaheadPart: Typeahead<T> | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: RovingFocusOptions<T>) {
    this.host = host;
    this.options = options;
    const text = options.typeahead;
    this.typeaheadPart = text
      ? new Typeahead<T>({ items: options.items, text, disabled: (item) => this.isDisabled(item) })
      : undefined;
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.resetTypeahead();
  }

  private keyOf(item: T): unknown {
    return this.options.key ? this.options.key(item) : item;
  }

  /** The active item, if it is still among the items. */
  get activeItem(): T | undefined {
    if (!this.hasActive) return undefined;
    return this.options.items().find((item) => this.keyOf(item) === this.currentKey);
  }

  /** The key (see `key`) of the active item, without looking it up among the items; `undefined` if none. */
  get activeKey(): unknown {
    return this.hasActive ? this.currentKey : undefined;
  }

  /** The index of the active item among the items, or -1. */
  get activeIndex(): number {
    if (!this.hasActive) return -1;
    return this.options.items().findIndex((item) => this.keyOf(item) === this.currentKey);
  }

  /** Whether `item` is the active one (cheap: compares keys, no search). */
  isActive(item: T): boolean {
    return this.hasActive && this.keyOf(item) === this.currentKey;
  }

  /** The `tabindex` of an item's element in roving-tabindex mode: 0 for the active item, else -1. */
  tabIndexOf(item: T): 0 | -1 {
    return this.isActive(item) ? 0 : -1;
  }

  /** The id for the container's `aria-activedescendant` (activedescendant mode). */
  get activeId(): string | undefined {
    const item = this.activeItem;
    if (item === undefined) return undefined;
    return this.options.id ? this.options.id(item) : (this.elementOf(item)?.id || undefined);
  }

  /** Forgets the active item (e.g. when a menu closes), and the typed letters. */
  clear(): void {
    const had = this.hasActive;
    this.hasActive = false;
    this.currentKey = undefined;
    this.resetTypeahead();
    if (had) this.host.requestUpdate();
  }

  /** Forgets the letters typed so far. */
  resetTypeahead(): void {
    this.typeaheadPart?.reset();
  }

  /** {@link setActive} for the item at `index` (none when out of range). */
  setActiveIndex(index: number, options: SetActiveOptions = {}): Promise<void> {
    return this.activate(this.options.items()[index], options, index);
  }

  /**
   * Makes an item the active one and, unless `{ focus: false }`, focuses it (or scrolls it into view).
   * `undefined` forgets the active item. Returns the promise of the focus move.
   */
  setActive(item: T | undefined, options: SetActiveOptions = {}): Promise<void> {
    return this.activate(item, options);
  }

  private activate(item: T | undefined, options: SetActiveOptions, knownIndex?: number): Promise<void> {
    if (item === undefined) {
      this.clear();
      return Promise.resolve();
    }
    const key = this.keyOf(item);
    const index = knownIndex ?? this.options.items().findIndex((x) => this.keyOf(x) === key);
    const changed = !this.hasActive || key !== this.currentKey;
    this.currentKey = key;
    this.hasActive = true;
    if (changed) {
      this.host.requestUpdate();
      this.options.onActiveChange?.(item, index);
    }
    return options.focus === false ? Promise.resolve() : this.focusItem(item, index);
  }

  /**
   * Handles a movement or type-ahead key: returns `true` (and calls `preventDefault()`) when it moved, or
   * when the key belongs to it (an arrow at a non-wrapping end). Keys with Alt or Meta are left alone.
   */
  handleKeydown(e: KeyboardEvent): boolean {
    if (e.altKey || e.metaKey) return false;
    const target = this.targetFor(e);
    if (target === undefined) return false;
    e.preventDefault();
    if (target >= 0) {
      void this.setActiveIndex(target);
    }
    return true;
  }

  /** The index a key moves to (-1: the key is handled but nothing moves), or `undefined` for other keys. */
  private targetFor(e: KeyboardEvent): number | undefined {
    const items = this.options.items();
    const n = items.length;
    if (!n) return undefined;
    const o = this.options;
    const orientation = o.orientation ?? 'vertical';
    const columns = Math.max(1, Math.floor((typeof o.columns === 'function' ? o.columns() : o.columns) ?? 1));
    const grid = columns > 1;
    const current = this.activeIndex;
    const ctrl = e.ctrlKey;
    const rtl = (): boolean => (o.rtl ? o.rtl() : getComputedStyle(this.host).direction === 'rtl');
    // ← → move along the line (mirrored right to left), in horizontal lists and grids
    const forward = grid || orientation !== 'vertical' ? (rtl() ? 'ArrowLeft' : 'ArrowRight') : undefined;
    const vertical = grid || orientation !== 'horizontal';
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (!vertical) return undefined;
        if (ctrl) return undefined;
        const dir = e.key === 'ArrowDown' ? 1 : -1;
        if (grid) return this.step(current, dir * columns, 'column', columns);
        return this.step(current, dir, 'line', columns);
      }
      case 'ArrowLeft':
      case 'ArrowRight': {
        if (forward === undefined || ctrl) return undefined;
        return this.step(current, e.key === forward ? 1 : -1, 'line', columns);
      }
      case 'Home':
      case 'End': {
        const toEnd = e.key === 'End';
        if (grid && !ctrl && current >= 0 && o.homeEnd !== 'all') {
          const rowStart = current - (current % columns);
          const rowEnd = Math.min(n - 1, rowStart + columns - 1);
          return this.firstEnabled(toEnd ? rowEnd : rowStart, toEnd ? -1 : 1, rowStart, rowEnd) ?? -1;
        }
        return this.firstEnabled(toEnd ? n - 1 : 0, toEnd ? -1 : 1, 0, n - 1) ?? -1;
      }
      case 'PageUp':
      case 'PageDown': {
        if (o.pageSize === undefined || ctrl) return undefined;
        const dir = e.key === 'PageDown' ? 1 : -1;
        const from = current < 0 ? (dir > 0 ? -1 : n) : current;
        const to = Math.max(0, Math.min(n - 1, from + dir * o.pageSize));
        // the nearest enabled item at or before the clamped target, searching back towards `from`
        return this.firstEnabled(to, dir > 0 ? -1 : 1, Math.min(from + dir, to), Math.max(from + dir, to)) ?? -1;
      }
      default:
        if (!this.typeaheadPart || !Typeahead.isKey(e)) return undefined;
        return this.typeaheadPart.match(e.key, current, e.timeStamp || performance.now()) ?? -1;
    }
  }

  /**
   * One step of `delta` from `current`: `line` steps along the list (with `wrap`: around it), `column`
   * steps by a row in a grid (with `wrap`: to the other end of the same column). Disabled items are skipped.
   */
  private step(current: number, delta: number, kind: 'line' | 'column', columns: number): number {
    const items = this.options.items();
    const n = items.length;
    const wrap = !!this.options.wrap;
    if (current < 0) return this.firstEnabled(delta > 0 ? 0 : n - 1, delta > 0 ? 1 : -1, 0, n - 1) ?? -1;
    let i = current;
    for (let guard = 0; guard < n; guard++) {
      let j = i + delta;
      if (j < 0 || j >= n) {
        if (!wrap) return -1;
        if (kind === 'line') j = ((j % n) + n) % n;
        else {
          // the same column at the other end of the grid
          const col = current % columns;
          const rows = Math.ceil(n / columns);
          j = delta > 0 ? col : (rows - 1) * columns + col;
          if (j >= n) j -= columns;
        }
      }
      if (j === current) return -1;
      if (!this.isDisabled(items[j]!)) return j;
      i = j;
    }
    return -1;
  }

  private isDisabled(item: T): boolean {
    return !!this.options.disabled?.(item);
  }

  /** The first enabled index from `start` going `dir`, within [lo, hi]. */
  private firstEnabled(start: number, dir: 1 | -1, lo: number, hi: number): number | undefined {
    const items = this.options.items();
    for (let i = start; i >= lo && i <= hi; i += dir) if (items[i] !== undefined && !this.isDisabled(items[i]!)) return i;
    return undefined;
  }

  private elementOf(item: T): HTMLElement | null | undefined {
    if (this.options.element) return this.options.element(item);
    return item instanceof HTMLElement ? item : undefined;
  }

  private async focusItem(item: T, index: number): Promise<void> {
    if (this.options.focus && (this.options.mode ?? 'roving-tabindex') === 'roving-tabindex') {
      await this.options.focus(item, index);
      return;
    }
    await this.host.updateComplete;
    if (!this.isActive(item)) return;
    const el = this.elementOf(item);
    if (!el) return;
    if ((this.options.mode ?? 'roving-tabindex') === 'roving-tabindex') el.focus();
    else el.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }
}
