// CLI: generates the embedded demo (or any size of synthetic FineHARD data) into --out.
// npx tsx scripts/make-demo.ts [--seed 1] [--count 300] [--width 320] [--height 240]
//   [--out public/demo] [--quality 80] [--failed 4]

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeDataset } from './demo/dataset.ts';

const DEFAULTS = { seed: 1, count: 300, width: 320, height: 240, quality: 80, failed: 4 } as const;

function integerOption(raw: string | undefined, fallback: number, name: string, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function folderBytes(path: string): number {
  return readdirSync(path, { withFileTypes: true }).reduce((sum, e) => {
    const p = join(path, e.name);
    return sum + (e.isDirectory() ? folderBytes(p) : statSync(p).size);
  }, 0);
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    count: { type: 'string' },
    width: { type: 'string' },
    height: { type: 'string' },
    out: { type: 'string' },
    quality: { type: 'string' },
    failed: { type: 'string' },
  },
});

const options = {
  seed: integerOption(values.seed, DEFAULTS.seed, 'seed', 0),
  count: integerOption(values.count, DEFAULTS.count, 'count', 1),
  width: integerOption(values.width, DEFAULTS.width, 'width', 16),
  height: integerOption(values.height, DEFAULTS.height, 'height', 16),
  out: values.out ?? 'public/demo',
  quality: Math.min(100, integerOption(values.quality, DEFAULTS.quality, 'quality', 1)),
  failed: integerOption(values.failed, DEFAULTS.failed, 'failed', 0),
};

const { manifest, seconds } = makeDataset(options);
const megabytes = folderBytes(options.out) / 1024 / 1024;
console.log(
  `${manifest.count} samples (${options.width}×${options.height}, seed ${options.seed}) → ${options.out} ` +
    `in ${seconds.toFixed(1)} s (${(manifest.count / seconds).toFixed(1)} samples/s), ${megabytes.toFixed(2)} MB; ` +
    `failed downloads: ${manifest.failed.join(', ') || 'none'}`,
);
