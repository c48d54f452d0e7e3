// Naming, as in FineHARD's release: key = 5-digit shard + 4-digit row; one COYO part for the demo.

export const COYO_PART = 'coyo_image_0';
export const ROWS_PER_SHARD = 10_000;
const MAX_SAMPLES = 100_000 * ROWS_PER_SHARD;

export function shardOf(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_SAMPLES) throw new RangeError(`sample index ${index}`);
  return String(Math.floor(index / ROWS_PER_SHARD)).padStart(5, '0');
}

export function keyOf(index: number): string {
  return shardOf(index) + String(index % ROWS_PER_SHARD).padStart(4, '0');
}

/** The record's `f_path`, in the newer of the two forms FineHARD uses. */
export function fPathOf(index: number): string {
  return `grit-20m/data-12m/${COYO_PART}/${shardOf(index)}/${keyOf(index)}.jpg`;
}

/** A synthetic source URL; `.invalid` can never resolve, like a dead web link. */
export function urlOf(index: number): string {
  return `https://demo.finehard.invalid/coyo/${shardOf(index)}/${keyOf(index)}.jpg`;
}

/** Where the prepared (downloaded and renamed) image lives, relative to the output root. */
export function imagePathOf(index: number): string {
  return `grit-12m/${COYO_PART}/${shardOf(index)}/${keyOf(index)}.jpg`;
}

export function shardParquetPath(shard: string): string {
  return `${COYO_PART}/${shard}.parquet`;
}

export const URL2KEY_PATH = `url2key_jsons/url2key_${COYO_PART}.json`;
export const IMAGES_ROOT = 'grit-12m';
