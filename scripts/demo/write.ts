// Streams a generated dataset to disk in FineHARD's release layout (see the manifest for the list).

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FAILED_STATUS } from './failures.ts';
import { IMAGES_ROOT, URL2KEY_PATH, imagePathOf, keyOf, shardOf, shardParquetPath, urlOf } from './keys.ts';
import type { FineHardRecord } from './record.ts';
import { type ShardRow, writeShard } from './shard.ts';

export const JSONFILE_PATH = 'jsonfiles/demo_results.json';

/** What became of a sample's image: written to the prepared folder, or a simulated dead link. */
export type Outcome =
  | { readonly jpeg: Uint8Array; readonly width: number; readonly height: number }
  | { readonly error: string };

export interface Manifest {
  readonly name: string;
  readonly seed: number;
  readonly count: number;
  readonly width: number;
  readonly height: number;
  readonly failed: readonly string[];
  readonly files: {
    readonly jsonfiles: readonly string[];
    readonly parquet: readonly string[];
    readonly url2key: readonly string[];
    readonly images: string;
  };
}

export interface ManifestInfo {
  readonly seed: number;
  readonly width: number;
  readonly height: number;
}

export interface DatasetWriter {
  /** Samples must arrive in index order (shards are flushed as the index moves on). */
  readonly add: (index: number, record: FineHardRecord, outcome: Outcome) => void;
  readonly close: (info: ManifestInfo) => Manifest;
}

function writeText(root: string, relative: string, text: string): void {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Opens the writer; the JSON array is written one record per line, so diffs stay readable. */
export function openDatasetWriter(root: string): DatasetWriter {
  mkdirSync(join(root, dirname(JSONFILE_PATH)), { recursive: true });
  const json = openSync(join(root, JSONFILE_PATH), 'w');
  writeSync(json, '[');
  const urlLines: string[] = [];
  const parquetFiles: string[] = [];
  const failed: string[] = [];
  let rows: ShardRow[] = [];
  let shard: string | null = null;
  let count = 0;

  const flushShard = (): void => {
    if (shard === null || rows.length === 0) return;
    const relative = shardParquetPath(shard);
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeShard(join(root, relative), rows);
    parquetFiles.push(relative);
    rows = [];
  };

  const add = (index: number, record: FineHardRecord, outcome: Outcome): void => {
    if (shardOf(index) !== shard) {
      flushShard();
      shard = shardOf(index);
    }
    writeSync(json, `${count === 0 ? '' : ','}\n${JSON.stringify(record)}`);
    count++;
    const key = keyOf(index);
    const url = urlOf(index);
    urlLines.push(`  ${JSON.stringify(url)}: ${JSON.stringify(key)}`);
    if ('jpeg' in outcome) {
      const path = join(root, imagePathOf(index));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, outcome.jpeg);
      const sha256 = createHash('sha256').update(outcome.jpeg).digest('hex');
      const { width, height } = outcome;
      rows.push({ url, key, status: 'success', error_message: null, width, height, sha256 });
    } else {
      failed.push(key);
      rows.push({ url, key, status: FAILED_STATUS, error_message: outcome.error, width: null, height: null, sha256: null });
    }
  };

  const close = (info: ManifestInfo): Manifest => {
    writeSync(json, '\n]\n');
    closeSync(json);
    flushShard();
    writeText(root, URL2KEY_PATH, `{\n${urlLines.join(',\n')}\n}\n`);
    const manifest: Manifest = {
      name: 'FineHARD demo',
      seed: info.seed,
      count,
      width: info.width,
      height: info.height,
      failed,
      files: { jsonfiles: [JSONFILE_PATH], parquet: parquetFiles, url2key: [URL2KEY_PATH], images: IMAGES_ROOT },
    };
    writeText(root, 'manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  };

  return { add, close };
}
