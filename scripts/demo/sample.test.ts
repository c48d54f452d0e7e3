import { describe, expect, it } from 'vitest';
import { renderJpeg } from './jpeg.ts';
import { generateScene } from './sample.ts';
import { shapeDistance } from './shapes.ts';
import { paintBackdrop } from './backdrop.ts';
import { NEGATIVES_PER_REGION } from './negatives.ts';
import { countWords } from './phrases.ts';
import { LONG_CAPTION_WORDS } from './captions.ts';
import { ATTRIBUTE_VALUES, ATTRIBUTES, type Attribute } from './vocabulary.ts';

const OPTS = { width: 160, height: 120 } as const;
const INDICES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Which attribute words differ between two short expressions ("solid" moves, so compare sets). */
function changedAttributes(a: string, b: string): Attribute[] {
  const words = (s: string) => new Set(s.split(' '));
  const wa = words(a);
  const wb = words(b);
  return ATTRIBUTES.filter((attr) =>
    (ATTRIBUTE_VALUES[attr] as readonly string[]).some((v) => wa.has(v) !== wb.has(v)),
  );
}

describe('generateScene', () => {
  it('is deterministic per (seed, index) and varies with the seed', () => {
    for (const i of [0, 7]) {
      const a = generateScene(1, i, OPTS);
      const b = generateScene(1, i, OPTS);
      expect(JSON.stringify(a.record)).toBe(JSON.stringify(b.record));
      expect(Buffer.from(renderJpeg(a.rgba, a.width, a.height, 80))).toEqual(Buffer.from(renderJpeg(b.rgba, b.width, b.height, 80)));
      const c = generateScene(2, i, OPTS);
      expect(Buffer.from(c.rgba).equals(Buffer.from(a.rgba))).toBe(false);
      expect(JSON.stringify(c.record)).not.toBe(JSON.stringify(a.record));
    }
  });

  it('gives every region exactly 10 distinct one-attribute negatives', () => {
    for (const i of INDICES) {
      const { record } = generateScene(3, i, OPTS);
      const exprs = record.bbox_info.map((r) => r.short_expr);
      for (const region of record.bbox_info) {
        expect(region.flag_short_neg).toBe(1);
        const entries = Object.entries(region.short_expr_negs);
        expect(entries).toHaveLength(NEGATIVES_PER_REGION);
        expect(new Set(entries.map(([, v]) => v)).size).toBe(NEGATIVES_PER_REGION);
        for (const [key, negative] of entries) {
          expect(negative).not.toBe(region.short_expr);
          expect(exprs).not.toContain(negative);
          const changed = changedAttributes(region.short_expr, negative);
          expect(changed).toHaveLength(1);
          expect(key.replace(/_\d+$/, '')).toBe(changed[0]);
        }
      }
    }
  });

  it('writes normalised, ordered boxes with a detector confidence', () => {
    for (const i of INDICES) {
      const { record } = generateScene(4, i, OPTS);
      expect(record.bbox_info.length).toBeGreaterThanOrEqual(1);
      expect(record.bbox_info.length).toBeLessThanOrEqual(5);
      for (const { bbox } of record.bbox_info) {
        const [x1, y1, x2, y2, conf] = bbox;
        for (const v of [x1, y1, x2, y2]) expect(v >= 0 && v <= 1).toBe(true);
        expect(x1).toBeLessThan(x2);
        expect(y1).toBeLessThan(y2);
        expect(conf >= 0.4 && conf <= 0.99).toBe(true);
      }
    }
  });

  it('boxes enclose every pixel of their object, tightly, and the box content differs from the backdrop', () => {
    for (const i of INDICES) {
      const { scene, boxes, rgba } = generateScene(5, i, OPTS);
      const { width, height } = scene;
      const backdrop = new Float32Array(width * height * 3);
      paintBackdrop(backdrop, width, height, scene.backdrop);
      scene.objects.forEach((obj, k) => {
        const box = boxes[k];
        let minX = width;
        let minY = height;
        let maxX = 0;
        let maxY = 0;
        // Evaluate the shape over the whole frame, independently of the renderer's clipping.
        for (let y = 0; y < height; y++) {
          for (let x = 0; x < width; x++) {
            const dx = x + 0.5 - obj.cx;
            const dy = y + 0.5 - obj.cy;
            const c = Math.cos(obj.rotation);
            const s = Math.sin(obj.rotation);
            const d = shapeDistance(obj.attrs.shape, (dx * c + dy * s) / obj.radius, (dy * c - dx * s) / obj.radius) * obj.radius;
            if (d >= 0.5) continue;
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x + 1);
            maxY = Math.max(maxY, y + 1);
          }
        }
        expect(box).toEqual({ x1: minX, y1: minY, x2: maxX, y2: maxY });
        let differing = 0;
        for (let y = box.y1; y < box.y2; y++) {
          for (let x = box.x1; x < box.x2; x++) {
            const p = y * width + x;
            const diff = [0, 1, 2].reduce((m, ch) => Math.max(m, Math.abs(rgba[p * 4 + ch] - backdrop[p * 3 + ch])), 0);
            if (diff > 12) differing++;
          }
        }
        expect(differing / ((box.x2 - box.x1) * (box.y2 - box.y1))).toBeGreaterThan(0.3);
      });
    }
  });

  it('keeps normalised record boxes around the pixel boxes', () => {
    const { record, scene, boxes } = generateScene(6, 0, OPTS);
    const largest = scene.objects.reduce((best, o, k) => (o.radius > scene.objects[best].radius ? k : best), 0);
    const [x1, y1, x2, y2] = record.bbox_info[0].bbox;
    const b = boxes[largest];
    expect(x1 * OPTS.width).toBeLessThanOrEqual(b.x1);
    expect(y1 * OPTS.height).toBeLessThanOrEqual(b.y1);
    expect(x2 * OPTS.width).toBeGreaterThanOrEqual(b.x2);
    expect(y2 * OPTS.height).toBeGreaterThanOrEqual(b.y2);
  });

  it('writes long captions of 60–150 words and short ones of 10–20', () => {
    for (const i of INDICES) {
      const { record } = generateScene(7, i, OPTS);
      const words = countWords(record.caption);
      expect(words).toBeGreaterThanOrEqual(LONG_CAPTION_WORDS.min);
      expect(words).toBeLessThanOrEqual(LONG_CAPTION_WORDS.max);
      const short = countWords(record.short_caption);
      expect(short >= 10 && short <= 20).toBe(true);
      for (const region of record.bbox_info) expect(region.long_expr.startsWith(region.short_expr)).toBe(true);
    }
  });
});
