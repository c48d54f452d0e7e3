// Hard negatives: the region's short expression with exactly ONE attribute swapped, as FineHARD's LLM
// wrote them, keyed by the attribute changed ("color", "shape", …, then "color_2", "shape_2", …).

import { type Rng, shuffled } from './rng.ts';
import { shortExpr } from './phrases.ts';
import { ATTRIBUTES, ATTRIBUTE_VALUES, type Attribute, type Attributes } from './vocabulary.ts';

export const NEGATIVES_PER_REGION = 10;

function sameAttributes(a: Attributes, b: Attributes): boolean {
  return a.size === b.size && a.color === b.color && a.pattern === b.pattern && a.shape === b.shape;
}

/** Every single-attribute variant of `attrs`, per attribute, in random order. */
function variants(rng: Rng, attrs: Attributes, attribute: Attribute): Attributes[] {
  const values: readonly string[] = ATTRIBUTE_VALUES[attribute];
  return shuffled(rng, values)
    .filter((value) => value !== attrs[attribute])
    .map((value) => ({ ...attrs, [attribute]: value }));
}

/**
 * Ten negatives for `attrs`. Variants that would describe another object of the scene (`others`)
 * exactly are skipped, since they are true of the image. Attributes take turns in a shuffled order,
 * so each negative set mixes colour, shape, size and pattern swaps.
 */
export function hardNegatives(rng: Rng, attrs: Attributes, others: readonly Attributes[]): Record<string, string> {
  const queues = new Map<Attribute, Attributes[]>();
  for (const attribute of shuffled(rng, ATTRIBUTES)) {
    const pool = variants(rng, attrs, attribute).filter((v) => !others.some((o) => sameAttributes(o, v)));
    queues.set(attribute, pool);
  }
  const negatives: Record<string, string> = {};
  const used = new Map<Attribute, number>();
  let added = 0;
  while (added < NEGATIVES_PER_REGION) {
    let progressed = false;
    for (const [attribute, pool] of queues) {
      const next = pool.shift();
      if (!next || added === NEGATIVES_PER_REGION) continue;
      const n = (used.get(attribute) ?? 0) + 1;
      used.set(attribute, n);
      negatives[n === 1 ? attribute : `${attribute}_${n}`] = shortExpr(next);
      added++;
      progressed = true;
    }
    // The vocabulary offers 23 single swaps and a scene has at most 4 other objects, so this cannot
    // trigger unless the vocabulary shrinks.
    if (!progressed) throw new Error(`fewer than ${NEGATIVES_PER_REGION} hard negatives for ${shortExpr(attrs)}`);
  }
  return negatives;
}
