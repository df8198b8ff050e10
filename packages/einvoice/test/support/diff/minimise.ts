/**
 * Delta debugging over elements: the smallest file that still shows one disagreement.
 *
 * ddmin on the document's elements (pre-order, the root kept): split them into n chunks, try
 * the file without each chunk (an element removed takes its subtree along); keep the first
 * candidate that still disagrees the same way and go on with n − 1 chunks, else split finer,
 * until single elements cannot be removed. The official judge starts a JVM per call, so every
 * target advances one step per round and a round's candidates of all targets go to it in one
 * batch; our judge, in process, first discards the candidates on which our own side of the
 * disagreement is gone.
 */
import type { XmlElement } from '../../../src/xml/types.js';
import { parseRoot, serialize } from '../../negative/mutate.js';
import { differences, type Verdict } from './judges.js';

export interface Judges {
  ours(text: string): Verdict;
  /** Official verdicts on a batch, in order. */
  official(texts: readonly string[]): Verdict[];
}

/** Whether our verdict still holds our side of `item` (a line of differences()). */
function oursHolds(item: string, ours: Verdict): boolean {
  const m = /^([+-])(fatal|warning) (.+)$/.exec(item);
  if (m)
    return (
      ours.status === 'ok' && ours[m[2] as 'fatal' | 'warning'].includes(m[3]!) === (m[1] === '+')
    );
  if (item === '+xsd') return ours.status === 'ok' && ours.xsdValid === false;
  if (item === '-xsd') return ours.status === 'ok' && ours.xsdValid === true;
  const s = /^status (\S+) vs/.exec(item);
  return s !== null && ours.status === s[1];
}

function preorder(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    for (const c of el.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** `text` without the elements at pre-order positions [from, to). */
function without(text: string, from: number, to: number): string {
  const root = parseRoot(text);
  const all = preorder(root);
  const drop = new Set(all.slice(from, to));
  for (const el of all) {
    if (!drop.has(el) || !el.parent) continue;
    const parent = el.parent;
    parent.children = parent.children.filter((c) => c !== el);
    // A parent left empty would be written with the indentation it held between children.
    if (parent.children.length === 0 && parent.text.trim() === '') parent.text = '';
  }
  return serialize(root, true);
}

interface State {
  text: string;
  item: string;
  size: number;
  n: number;
  /** First chunk to try this round (rounds try at most CHUNKS_PER_ROUND chunks). */
  offset: number;
  done: boolean;
}

const CHUNKS_PER_ROUND = 48;

/**
 * Minimises each target (a file and the disagreement line it must keep) in at most `rounds`
 * rounds; returns the smallest files found, in order. Each result still disagrees as asked:
 * a candidate is kept only when the official judge confirmed it.
 */
export function minimiseAll(
  targets: readonly { text: string; item: string }[],
  judges: Judges,
  rounds = 60,
): string[] {
  const states: State[] = targets.map((t) => {
    const text = serialize(parseRoot(t.text), true);
    return {
      text,
      item: t.item,
      size: preorder(parseRoot(text)).length,
      n: 2,
      offset: 0,
      done: false,
    };
  });
  for (let round = 0; round < rounds; round++) {
    const batch: { state: State; text: string }[] = [];
    for (const s of states) {
      if (s.done) continue;
      if (s.size === 0) {
        s.done = true;
        continue;
      }
      const n = Math.min(s.n, s.size);
      const chunk = Math.ceil(s.size / n);
      for (let c = s.offset; c < Math.min(n, s.offset + CHUNKS_PER_ROUND); c++) {
        const candidate = without(s.text, c * chunk, Math.min(s.size, (c + 1) * chunk));
        if (oursHolds(s.item, judges.ours(candidate))) batch.push({ state: s, text: candidate });
      }
    }
    if (states.every((s) => s.done)) break;
    const verdicts = batch.length ? judges.official(batch.map((b) => b.text)) : [];
    const accepted = new Set<State>();
    batch.forEach((b, i) => {
      if (accepted.has(b.state)) return;
      if (differences(judges.ours(b.text), verdicts[i]!).includes(b.state.item)) {
        accepted.add(b.state);
        b.state.text = b.text;
        b.state.size = preorder(parseRoot(b.text)).length;
        b.state.n = Math.max(2, b.state.n - 1);
        b.state.offset = 0;
      }
    });
    for (const s of states) {
      if (s.done || accepted.has(s)) continue;
      const n = Math.min(s.n, s.size);
      if (s.offset + CHUNKS_PER_ROUND < n) s.offset += CHUNKS_PER_ROUND;
      else if (n >= s.size) s.done = true;
      else {
        s.n = Math.min(2 * n, s.size);
        s.offset = 0;
      }
    }
  }
  return states.map((s) => s.text);
}
