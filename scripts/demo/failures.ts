// Which samples play "failed downloads": present in the annotations and the shard, absent on disk.

import { STREAM, createRng, pick } from './rng.ts';

/** Typical img2dataset error messages for dead links. */
const ERROR_MESSAGES = [
  'HTTP Error 404: Not Found',
  'HTTP Error 403: Forbidden',
  'HTTP Error 410: Gone',
  '<urlopen error [Errno -2] Name or service not known>',
] as const;

export const FAILED_STATUS = 'failed_to_download';

/** Failures are drawn from the first few samples first, so a viewer meets one on the first screen. */
const EARLY = 10;

/** `n` distinct sample indices below `count` (seeded), each with an error message. */
export function pickFailures(seed: number, count: number, n: number): Map<number, string> {
  const rng = createRng(seed, 0, STREAM.failures);
  const failures = new Map<number, string>();
  while (failures.size < Math.min(n, count)) {
    const index = Math.floor(rng() * (failures.size === 0 ? Math.min(EARLY, count) : count));
    if (!failures.has(index)) failures.set(index, pick(rng, ERROR_MESSAGES));
  }
  return failures;
}
