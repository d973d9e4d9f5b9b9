/**
 * Dispatches a `cif-*` event (bubbles, composed). Events whose name is computed go through here, so the
 * Custom Elements Manifest lists only the documented `@fires` names.
 * @returns false when the event was cancelable and a listener cancelled it
 */
export function fire<T>(target: EventTarget, type: string, detail: T, cancelable = false): boolean {
  return target.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable }));
}
