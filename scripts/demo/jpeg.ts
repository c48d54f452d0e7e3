// A small baseline JPEG encoder (JFIF, 4:2:0 chroma, per-image optimal Huffman tables).
// Written for throughput: jpeg-js rebuilds large lookup tables on every call, which made encoding
// several times slower than rendering; this one allocates only typed arrays.

import { type HuffmanTable, buildHuffmanTable } from './jpeg-huffman.ts';

/** The example quantisation tables of the JPEG standard (Annex K), row-major. */
const LUMA_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87,
  80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92,
  95, 98, 112, 100, 103, 99,
];
const CHROMA_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99,
  99, 99, ...new Array<number>(32).fill(99),
];

/** ZIGZAG[k] = row-major index of the k-th coefficient in zigzag order (walks anti-diagonals). */
const ZIGZAG: Int32Array = (() => {
  const order = new Int32Array(64);
  let k = 0;
  for (let s = 0; s < 15; s++) {
    const cells: number[] = [];
    for (let r = Math.max(0, s - 7); r <= Math.min(7, s); r++) cells.push(r * 8 + (s - r));
    // Even diagonals run bottom-left to top-right, odd ones the other way.
    if (s % 2 === 0) cells.reverse();
    for (const c of cells) order[k++] = c;
  }
  return order;
})();

/** DCT basis: BASIS[u * 8 + x] = c(u)/2 · cos((2x + 1)uπ/16). */
const BASIS: Float64Array = (() => {
  const b = new Float64Array(64);
  for (let u = 0; u < 8; u++) {
    for (let x = 0; x < 8; x++) b[u * 8 + x] = (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  }
  return b;
})();

/** The IJG quality scaling of a base table, in zigzag order. */
function scaledQuant(base: readonly number[], quality: number): Uint8Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  const out = new Uint8Array(64);
  for (let k = 0; k < 64; k++) out[k] = Math.min(255, Math.max(1, Math.floor((base[ZIGZAG[k]] * scale + 50) / 100)));
  return out;
}

/** Forward DCT of the 8×8 block at (bx, by) of `plane`, quantised, written in zigzag order to `out`. */
function transformBlock(
  plane: Float32Array,
  stride: number,
  bx: number,
  by: number,
  quant: Uint8Array,
  tmp: Float64Array,
  out: Int16Array,
  offset: number,
): void {
  // Rows first: tmp[y * 8 + u] = Σx BASIS[u, x] · f(x, y).
  for (let y = 0; y < 8; y++) {
    const row = (by + y) * stride + bx;
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < 8; x++) sum += BASIS[u * 8 + x] * (plane[row + x] - 128);
      tmp[y * 8 + u] = sum;
    }
  }
  for (let k = 0; k < 64; k++) {
    const index = ZIGZAG[k];
    const v = index >> 3;
    const u = index & 7;
    let sum = 0;
    for (let y = 0; y < 8; y++) sum += BASIS[v * 8 + y] * tmp[y * 8 + u];
    out[offset + k] = Math.round(sum / quant[k]);
  }
}

/** Number of bits of |value| (the JPEG "category"). */
function category(value: number): number {
  let a = value < 0 ? -value : value;
  let n = 0;
  while (a > 0) {
    n++;
    a >>= 1;
  }
  return n;
}

type Emit = (table: number, symbol: number, bits: number, bitCount: number) => void;

/** Walks one quantised block as DC difference + AC run/size symbols; `table` 0/1 = DC/AC of its class. */
function walkBlock(coefs: Int16Array, offset: number, previousDc: number, tableBase: number, emit: Emit): number {
  const dc = coefs[offset];
  const diff = dc - previousDc;
  const dcCat = category(diff);
  emit(tableBase, dcCat, diff < 0 ? diff + (1 << dcCat) - 1 : diff, dcCat);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const c = coefs[offset + k];
    if (c === 0) {
      run++;
      continue;
    }
    while (run > 15) {
      emit(tableBase + 1, 0xf0, 0, 0);
      run -= 16;
    }
    const cat = category(c);
    emit(tableBase + 1, (run << 4) | cat, c < 0 ? c + (1 << cat) - 1 : c, cat);
    run = 0;
  }
  if (run > 0) emit(tableBase + 1, 0x00, 0, 0);
  return dc;
}

/** Append-only byte buffer that grows as needed. */
function byteSink(initial: number): { push: (b: number) => void; bytes: () => Uint8Array } {
  let buf = new Uint8Array(initial);
  let n = 0;
  return {
    push: (b) => {
      if (n === buf.length) {
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf);
        buf = bigger;
      }
      buf[n++] = b;
    },
    bytes: () => buf.slice(0, n),
  };
}

/** Splits RGBA into Y at full and Cb/Cr at half resolution, edge-padded to whole 16×16 MCUs. */
function toPlanes(rgba: Uint8Array, width: number, height: number, mcuCols: number, mcuRows: number) {
  const yStride = mcuCols * 16;
  const cStride = mcuCols * 8;
  const lum = new Float32Array(yStride * mcuRows * 16);
  const cb = new Float32Array(cStride * mcuRows * 8);
  const cr = new Float32Array(cStride * mcuRows * 8);
  for (let y = 0; y < mcuRows * 16; y++) {
    const sy = Math.min(y, height - 1);
    for (let x = 0; x < yStride; x++) {
      const i = (sy * width + Math.min(x, width - 1)) * 4;
      const r = rgba[i];
      const g = rgba[i + 1];
      const b = rgba[i + 2];
      lum[y * yStride + x] = 0.299 * r + 0.587 * g + 0.114 * b;
      const c = (y >> 1) * cStride + (x >> 1);
      // Each chroma sample averages its 2×2 luma pixels.
      cb[c] += 0.25 * (-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
      cr[c] += 0.25 * (0.5 * r - 0.418688 * g - 0.081312 * b + 128);
    }
  }
  return { lum, cb, cr, yStride, cStride };
}

function writeMarkerSegment(push: (b: number) => void, marker: number, payload: readonly number[]): void {
  push(0xff);
  push(marker);
  const length = payload.length + 2;
  push(length >> 8);
  push(length & 0xff);
  for (const b of payload) push(b);
}

/** Encodes RGBA pixels (alpha ignored) as a baseline JPEG; `quality` 1…100 as in libjpeg. */
export function renderJpeg(rgba: Uint8Array, width: number, height: number, quality: number): Uint8Array {
  const mcuCols = Math.ceil(width / 16);
  const mcuRows = Math.ceil(height / 16);
  const { lum, cb, cr, yStride, cStride } = toPlanes(rgba, width, height, mcuCols, mcuRows);
  const quants = [scaledQuant(LUMA_QUANT, quality), scaledQuant(CHROMA_QUANT, quality)];

  // Pass 1: transform every block (MCU order: 4 Y, then Cb, Cr) and count Huffman symbols.
  const blocksPerMcu = 6;
  const coefs = new Int16Array(mcuCols * mcuRows * blocksPerMcu * 64);
  const tmp = new Float64Array(64);
  let offset = 0;
  for (let my = 0; my < mcuRows; my++) {
    for (let mx = 0; mx < mcuCols; mx++) {
      for (let b = 0; b < 4; b++) {
        transformBlock(lum, yStride, mx * 16 + (b & 1) * 8, my * 16 + (b >> 1) * 8, quants[0], tmp, coefs, offset);
        offset += 64;
      }
      transformBlock(cb, cStride, mx * 8, my * 8, quants[1], tmp, coefs, offset);
      transformBlock(cr, cStride, mx * 8, my * 8, quants[1], tmp, coefs, offset + 64);
      offset += 128;
    }
  }
  // Tables: 0 = luma DC, 1 = luma AC, 2 = chroma DC, 3 = chroma AC.
  const frequencies = [0, 1, 2, 3].map(() => new Uint32Array(256));
  const walkAll = (emit: Emit): void => {
    const previous = [0, 0, 0];
    for (let block = 0; block < coefs.length / 64; block++) {
      const slot = block % blocksPerMcu;
      const component = slot < 4 ? 0 : slot - 3;
      previous[component] = walkBlock(coefs, block * 64, previous[component], component === 0 ? 0 : 2, emit);
    }
  };
  walkAll((table, symbol) => frequencies[table][symbol]++);
  const tables: HuffmanTable[] = frequencies.map(buildHuffmanTable);

  const sink = byteSink(width * height);
  const push = sink.push;
  push(0xff);
  push(0xd8); // SOI
  writeMarkerSegment(push, 0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]); // JFIF 1.1, 1:1
  writeMarkerSegment(push, 0xdb, [0, ...quants[0], 1, ...quants[1]]);
  writeMarkerSegment(push, 0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  const dht: number[] = [];
  tables.forEach((t, i) => dht.push(((i & 1) << 4) | (i >> 1), ...t.counts, ...t.symbols));
  writeMarkerSegment(push, 0xc4, dht);
  writeMarkerSegment(push, 0xda, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);

  // Pass 2: entropy-code, stuffing a zero after every 0xFF data byte.
  let acc = 0;
  let accBits = 0;
  const putBits = (value: number, count: number): void => {
    for (let i = count - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      if (++accBits === 8) {
        push(acc);
        if (acc === 0xff) push(0);
        acc = 0;
        accBits = 0;
      }
    }
  };
  walkAll((table, symbol, bits, bitCount) => {
    const t = tables[table];
    putBits(t.code[symbol], t.length[symbol]);
    putBits(bits, bitCount);
  });
  if (accBits > 0) putBits((1 << (8 - accBits)) - 1, 8 - accBits); // pad with ones
  push(0xff);
  push(0xd9); // EOI
  return sink.bytes();
}
