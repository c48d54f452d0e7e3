// Generates a whole dataset, streaming each sample to disk as soon as it exists.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pickFailures } from './failures.ts';
import { renderJpeg } from './jpeg.ts';
import { COYO_PART, IMAGES_ROOT } from './keys.ts';
import { generateScene } from './sample.ts';
import { type Manifest, openDatasetWriter } from './write.ts';

export interface DatasetOptions {
  readonly seed: number;
  readonly count: number;
  readonly width: number;
  readonly height: number;
  readonly out: string;
  readonly quality: number;
  /** How many samples become failed downloads. */
  readonly failed: number;
}

export interface DatasetResult {
  readonly manifest: Manifest;
  readonly seconds: number;
}

/** Only what this generator writes is removed, so stale images from a larger run cannot linger. */
const OWNED_PATHS = ['jsonfiles', COYO_PART, 'url2key_jsons', IMAGES_ROOT, 'manifest.json'] as const;

export function makeDataset(opts: DatasetOptions): DatasetResult {
  const start = performance.now();
  for (const p of OWNED_PATHS) rmSync(join(opts.out, p), { recursive: true, force: true });
  const failures = pickFailures(opts.seed, opts.count, opts.failed);
  const writer = openDatasetWriter(opts.out);
  for (let index = 0; index < opts.count; index++) {
    const sample = generateScene(opts.seed, index, { width: opts.width, height: opts.height });
    const error = failures.get(index);
    writer.add(
      index,
      sample.record,
      error !== undefined
        ? { error }
        : { jpeg: renderJpeg(sample.rgba, sample.width, sample.height, opts.quality), width: sample.width, height: sample.height },
    );
  }
  const manifest = writer.close({ seed: opts.seed, width: opts.width, height: opts.height });
  return { manifest, seconds: (performance.now() - start) / 1000 };
}
