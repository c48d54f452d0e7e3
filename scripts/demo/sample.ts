// One complete synthetic sample — the public entry point for streaming generators.

import { type FineHardRecord, buildRecord } from './record.ts';
import { type PixelBox, renderScene } from './render.ts';
import { STREAM, createRng } from './rng.ts';
import { type Scene, sampleScene } from './scene.ts';
import { keyOf } from './keys.ts';

export interface SampleOptions {
  readonly width: number;
  readonly height: number;
}

export interface Sample {
  readonly key: string;
  readonly record: FineHardRecord;
  /** width × height × 4 bytes, row-major RGBA. */
  readonly rgba: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly scene: Scene;
  /** Tight pixel boxes, in `scene.objects` order (the record lists regions largest first). */
  readonly boxes: readonly PixelBox[];
}

/**
 * Sample `index` of the dataset with global `seed`. Depends on nothing else, so any subset of
 * indices can be generated, in any order or in parallel, with identical results.
 */
export function generateScene(seed: number, index: number, opts: SampleOptions): Sample {
  const { width, height } = opts;
  const scene = sampleScene(createRng(seed, index, STREAM.layout), createRng(seed, index, STREAM.backdrop), width, height);
  const { rgba, boxes } = renderScene(scene);
  const record = buildRecord(index, scene, boxes, {
    text: createRng(seed, index, STREAM.text),
    negatives: createRng(seed, index, STREAM.negatives),
  });
  return { key: keyOf(index), record, rgba, width, height, scene, boxes };
}
