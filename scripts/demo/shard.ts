// img2dataset-style metadata shard (one parquet file per 10,000 keys).

import { writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';

export interface ShardRow {
  readonly url: string;
  readonly key: string;
  readonly status: string;
  readonly error_message: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly sha256: string | null;
}

/** Writes the rows as a snappy-compressed parquet file (hyparquet-writer's default codec). */
export function writeShard(path: string, rows: readonly ShardRow[]): void {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'url', type: 'STRING', data: rows.map((r) => r.url) },
      { name: 'key', type: 'STRING', data: rows.map((r) => r.key) },
      { name: 'status', type: 'STRING', data: rows.map((r) => r.status) },
      { name: 'error_message', type: 'STRING', data: rows.map((r) => r.error_message) },
      { name: 'width', type: 'INT32', data: rows.map((r) => r.width) },
      { name: 'height', type: 'INT32', data: rows.map((r) => r.height) },
      { name: 'sha256', type: 'STRING', data: rows.map((r) => r.sha256) },
    ],
  });
  writeFileSync(path, new Uint8Array(buffer));
}
