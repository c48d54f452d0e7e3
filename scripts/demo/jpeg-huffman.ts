// Optimal (per image) Huffman tables for baseline JPEG: code lengths from symbol counts, limited to
// 16 bits, with the all-ones code left unused as the standard requires.

export interface HuffmanTable {
  /** counts[i] = number of codes of length i + 1 (i = 0…15): the DHT "BITS" list. */
  readonly counts: Uint8Array;
  /** Symbols in code order: the DHT "HUFFVAL" list. */
  readonly symbols: Uint8Array;
  /** Per symbol (0…255): its code and length (0 = symbol unused). */
  readonly code: Uint16Array;
  readonly length: Uint8Array;
}

const MAX_LENGTH = 16;
/** A pseudo-symbol with the lowest weight takes the all-ones code, so no real symbol gets it. */
const RESERVED = 256;

/** Huffman code lengths for the given weights (index = symbol), by repeatedly merging the two lightest. */
function codeLengths(weights: readonly number[]): number[] {
  interface Node {
    weight: number;
    symbols: number[];
  }
  let nodes: Node[] = [];
  weights.forEach((weight, symbol) => {
    if (weight > 0) nodes.push({ weight, symbols: [symbol] });
  });
  const lengths = new Array<number>(weights.length).fill(0);
  if (nodes.length === 1) lengths[nodes[0].symbols[0]] = 1;
  while (nodes.length > 1) {
    nodes.sort((a, b) => a.weight - b.weight);
    const [a, b] = nodes;
    for (const s of [...a.symbols, ...b.symbols]) lengths[s]++;
    nodes = [{ weight: a.weight + b.weight, symbols: [...a.symbols, ...b.symbols] }, ...nodes.slice(2)];
  }
  return lengths;
}

/** Builds the table for symbol `frequencies` (length 256). */
export function buildHuffmanTable(frequencies: Uint32Array): HuffmanTable {
  // Doubling real counts keeps the reserved weight (1) strictly lightest, hence among the longest codes.
  let weights = [...Array.from(frequencies, (f) => f * 2), 1];
  let lengths = codeLengths(weights);
  // Flattening the weights until no code exceeds 16 bits costs a little optimality, never validity.
  while (Math.max(...lengths) > MAX_LENGTH) {
    weights = weights.map((w) => (w > 0 ? Math.max(1, w >> 1) : 0));
    weights[RESERVED] = 1;
    lengths = codeLengths(weights);
  }
  const longest = Math.max(...lengths);
  // Make sure the reserved symbol sits at the longest length (swapping lengths keeps the code valid).
  if (lengths[RESERVED] !== longest) {
    const other = lengths.findIndex((l) => l === longest);
    [lengths[other], lengths[RESERVED]] = [lengths[RESERVED], lengths[other]];
  }
  const order = lengths
    .map((length, symbol) => ({ length, symbol }))
    .filter((e) => e.length > 0)
    // The reserved symbol sorts last within its length, so it receives the all-ones code.
    .sort((a, b) => a.length - b.length || a.symbol - b.symbol);
  const counts = new Uint8Array(MAX_LENGTH);
  const code = new Uint16Array(256);
  const length = new Uint8Array(256);
  const symbols: number[] = [];
  let next = 0;
  let current = order[0].length;
  for (const e of order) {
    next <<= e.length - current;
    current = e.length;
    if (e.symbol !== RESERVED) {
      counts[e.length - 1]++;
      symbols.push(e.symbol);
      code[e.symbol] = next;
      length[e.symbol] = e.length;
    }
    next++;
  }
  return { counts, symbols: Uint8Array.from(symbols), code, length };
}
