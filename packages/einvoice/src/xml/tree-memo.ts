/**
 * Something computed once per parsed tree (an index of its elements…), remembered on the tree
 * itself: it lives exactly as long as the tree, and nothing outside holds either.
 *
 * Why not a WeakMap keyed by the root (or a WeakRef): V8's young-generation collector treats
 * weak keys and weak targets as strong, so every tree such a map had seen survived the
 * scavenges until the next full collection, and was copied to the old generation on the way.
 * Measured on the generated invoices of bench:validate: about 1 ms of collector time per
 * invoice, several times the cost of the rules themselves. A property on the root has no
 * such cost: when the tree dies, the memo dies with it.
 *
 * The property is keyed by a symbol of its own, not enumerable (JSON, spreads, deep
 * comparisons never see it), and remembers its root: a copy of the root carrying it anyway is
 * never answered from it.
 */
import type { XmlElement } from './types.js';

export interface TreeMemo<T> {
  get(root: XmlElement): T | undefined;
  set(root: XmlElement, value: T): void;
}

/** One memo per use: each has a private key on the root elements it is given. */
export function treeMemo<T>(): TreeMemo<T> {
  const key = Symbol('tree memo');
  type Slot = { root: XmlElement; value: T };
  return {
    get(root) {
      const slot = (root as unknown as Record<symbol, Slot | undefined>)[key];
      return slot?.root === root ? slot.value : undefined;
    },
    set(root, value) {
      // Not enumerable: a copy of the root by spread, or a deep comparison of two trees,
      // does not see it (one runtime call per tree: about 2 µs). A frozen tree (built by hand)
      // is not remembered: asked again, the caller computes again, rules never throw.
      if (!Object.isExtensible(root)) return;
      Object.defineProperty(root, key, {
        value: { root, value } satisfies Slot,
        enumerable: false,
        configurable: true,
        writable: true,
      });
    },
  };
}
