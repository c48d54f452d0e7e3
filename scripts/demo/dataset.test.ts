import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDataset } from './dataset.ts';
import type { FineHardRecord } from './record.ts';
import type { Manifest } from './write.ts';

const root = mkdtempSync(join(tmpdir(), 'finehard-demo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const base = { seed: 11, width: 96, height: 72, quality: 80 } as const;
const out = join(root, 'full');
makeDataset({ ...base, count: 12, failed: 3, out });

const records: FineHardRecord[] = JSON.parse(readFileSync(join(out, 'jsonfiles/demo_results.json'), 'utf8'));
const manifest: Manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
const keys = records.map((r) => r.f_path.split('/').pop()?.replace('.jpg', ''));

async function readShard(path: string): Promise<Record<string, unknown>[]> {
  const bytes = readFileSync(path);
  return parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
}

describe('makeDataset', () => {
  it('writes one JSON array of records with 9-digit keys in FineHARD paths', () => {
    expect(records).toHaveLength(12);
    expect(records[0].f_path).toBe('grit-20m/data-12m/coyo_image_0/00000/000000000.jpg');
    for (const key of keys) expect(key).toMatch(/^\d{9}$/);
    expect(manifest.count).toBe(12);
    expect(manifest.failed).toHaveLength(3);
    expect(manifest.files).toEqual({
      jsonfiles: ['jsonfiles/demo_results.json'],
      parquet: ['coyo_image_0/00000.parquet'],
      url2key: ['url2key_jsons/url2key_coyo_image_0.json'],
      images: 'grit-12m',
    });
  });

  it('writes a parquet shard that hyparquet re-reads, with statuses and hashes', async () => {
    const rows = await readShard(join(out, 'coyo_image_0/00000.parquet'));
    expect(rows).toHaveLength(12);
    expect(Object.keys(rows[0])).toEqual(['url', 'key', 'status', 'error_message', 'width', 'height', 'sha256']);
    expect(rows.map((r) => r.key)).toEqual(keys);
    for (const row of rows) {
      const failed = manifest.failed.includes(String(row.key));
      const image = join(out, 'grit-12m/coyo_image_0/00000', `${String(row.key)}.jpg`);
      expect(row.url).toBe(`https://demo.finehard.invalid/coyo/00000/${String(row.key)}.jpg`);
      if (failed) {
        expect(row.status).toBe('failed_to_download');
        expect(typeof row.error_message).toBe('string');
        expect(row.sha256).toBeNull();
        expect(row.width).toBeNull();
        expect(existsSync(image)).toBe(false);
      } else {
        expect(row.status).toBe('success');
        expect(row.error_message).toBeNull();
        expect([row.width, row.height]).toEqual([96, 72]);
        expect(row.sha256).toBe(createHash('sha256').update(readFileSync(image)).digest('hex'));
      }
    }
  });

  it('maps every URL to its key', () => {
    const url2key: Record<string, string> = JSON.parse(readFileSync(join(out, 'url2key_jsons/url2key_coyo_image_0.json'), 'utf8'));
    expect(Object.values(url2key)).toEqual(keys);
    for (const [url, key] of Object.entries(url2key)) expect(url.endsWith(`/${key}.jpg`)).toBe(true);
  });

  it('produces the same record and image for an index whatever the count', () => {
    const small = join(root, 'small');
    makeDataset({ ...base, count: 6, failed: 0, out: small });
    const smallRecords: FineHardRecord[] = JSON.parse(readFileSync(join(small, 'jsonfiles/demo_results.json'), 'utf8'));
    expect(smallRecords).toEqual(records.slice(0, 6));
    for (const key of keys.slice(0, 6)) {
      if (manifest.failed.includes(String(key))) continue;
      const path = `grit-12m/coyo_image_0/00000/${String(key)}.jpg`;
      expect(readFileSync(join(small, path)).equals(readFileSync(join(out, path)))).toBe(true);
    }
  });
});
