/**
 * The call flow (`@cif-elements/calls`), loaded on demand by the single-file build `cif-elements.js`: a
 * page that only shows the provider and the four elements never downloads it. It is fetched (a lazy chunk
 * next to `cif-elements.js`) as soon as one of its tags is in the document, or when you call
 * {@link loadCallFlow}; its elements upgrade then.
 */
export type CallFlowModule = typeof import('@cif-elements/calls');

/** The tags of the call flow. */
export const CALL_FLOW_TAGS = ['cif-call-flow', 'cif-incoming-call', 'cif-wrap-up'] as const;

let loading: Promise<CallFlowModule> | undefined;

/**
 * Loads the call flow and defines its elements (`<cif-call-flow>`, `<cif-incoming-call>`,
 * `<cif-wrap-up>`); resolves with the module (`CallController`, screen pop, activity logging…). Loads
 * once. Call it yourself to use `CallController` from the single file, or when the call flow's tags are
 * only inside a shadow root (the document is watched, shadow roots are not).
 */
export function loadCallFlow(): Promise<CallFlowModule> {
  loading ??= import('@cif-elements/calls');
  return loading;
}

const SELECTOR = CALL_FLOW_TAGS.join(',');

/** Loads the call flow as soon as one of its tags is in the document (now, or added later). */
export function loadCallFlowWhenUsed(doc: Document | undefined = globalThis.document): void {
  if (!doc || loading) return;
  if (doc.querySelector(SELECTOR)) {
    void loadCallFlow();
    return;
  }
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && (node.matches(SELECTOR) || node.querySelector(SELECTOR))) {
          observer.disconnect();
          void loadCallFlow();
          return;
        }
      }
    }
  });
  observer.observe(doc, { childList: true, subtree: true });
}
