// Assembles a FineHARD annotation record from a scene and the boxes its rendering measured.

import { longCaption, longExpr, shortCaption } from './captions.ts';
import { fPathOf } from './keys.ts';
import { hardNegatives } from './negatives.ts';
import { shortExpr } from './phrases.ts';
import type { PixelBox } from './render.ts';
import { type Rng, uniform } from './rng.ts';
import type { Scene } from './scene.ts';
import type { Size } from './vocabulary.ts';

export interface RegionRecord {
  /** [x1, y1, x2, y2] normalised to 0…1, then the detector confidence. */
  bbox: [number, number, number, number, number];
  short_expr: string;
  long_expr: string;
  flag_short_neg: 1;
  short_expr_negs: Record<string, string>;
}

export interface FineHardRecord {
  caption: string;
  short_caption: string;
  f_path: string;
  bbox_info: RegionRecord[];
  id: number;
}

/** FineHARD's detector kept boxes above 0.4; bigger objects get more confident scores. */
const CONFIDENCE_BASE: Readonly<Record<Size, number>> = { small: 0.64, medium: 0.76, large: 0.86 };

function round(value: number, digits: number, mode: 'floor' | 'ceil' | 'round'): number {
  const f = 10 ** digits;
  return Math[mode](value * f) / f;
}

/** Normalised box, rounded outwards so it still encloses every drawn pixel. */
function normaliseBox(box: PixelBox, width: number, height: number, confidence: number): RegionRecord['bbox'] {
  return [
    round(box.x1 / width, 4, 'floor'),
    round(box.y1 / height, 4, 'floor'),
    Math.min(1, round(box.x2 / width, 4, 'ceil')),
    Math.min(1, round(box.y2 / height, 4, 'ceil')),
    confidence,
  ];
}

export interface RecordRngs {
  readonly text: Rng;
  readonly negatives: Rng;
}

/** Regions are listed largest first, as FG-CLIP's trainer keeps only the first four. */
export function buildRecord(index: number, scene: Scene, boxes: readonly PixelBox[], rngs: RecordRngs): FineHardRecord {
  const order = scene.objects.map((_, i) => i).sort((a, b) => scene.objects[b].radius - scene.objects[a].radius);
  const ordered = order.map((i) => scene.objects[i]);
  const bboxInfo = order.map((i): RegionRecord => {
    const obj = scene.objects[i];
    const others = scene.objects.filter((o) => o !== obj).map((o) => o.attrs);
    const confidence = round(Math.min(0.99, Math.max(0.4, CONFIDENCE_BASE[obj.attrs.size] + uniform(rngs.text, -0.2, 0.13))), 2, 'round');
    return {
      bbox: normaliseBox(boxes[i], scene.width, scene.height, confidence),
      short_expr: shortExpr(obj.attrs),
      long_expr: longExpr(scene, obj),
      flag_short_neg: 1,
      short_expr_negs: hardNegatives(rngs.negatives, obj.attrs, others),
    };
  });
  return {
    caption: longCaption(rngs.text, scene, ordered),
    short_caption: shortCaption(scene, ordered),
    f_path: fPathOf(index),
    bbox_info: bboxInfo,
    id: index,
  };
}
