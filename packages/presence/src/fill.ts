/**
 * Fills a text that shows a presence: a function entry, or (deprecated, from `strings` set before entries
 * were functions) a template with `{presence}`.
 * @internal
 */
export const fill = (entry: ((presence: string) => string) | string, presence: string): string =>
  typeof entry === 'function' ? entry(presence) : String(entry).replace('{presence}', () => presence);
