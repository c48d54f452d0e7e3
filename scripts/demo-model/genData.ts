// Training / evaluation data for the demo model, straight from the project's scene generator.
//
//   npx tsx scripts/demo-model/genData.ts --seed S --start I --count N --out DIR [--width 320 --height 240 --quality 80]
//
// Writes DIR/images.bin (the JPEGs, concatenated, exactly as the embedded demo encodes them) and
// DIR/records.json ({seed, width, height, quality, samples: [{index, key, offset, length, record}]}).
// Deterministic: sample i depends only on (seed, i), so shards can run in parallel.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { generateScene, renderJpeg } from '../demo/index.ts'

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    start: { type: 'string' },
    count: { type: 'string' },
    out: { type: 'string' },
    width: { type: 'string' },
    height: { type: 'string' },
    quality: { type: 'string' },
  },
})

const seed = Number(values.seed ?? 7)
const start = Number(values.start ?? 0)
const count = Number(values.count ?? 100)
const width = Number(values.width ?? 320)
const height = Number(values.height ?? 240)
const quality = Number(values.quality ?? 80)
const out = values.out
if (!out) throw new Error('--out is required')

const t0 = performance.now()
mkdirSync(out, { recursive: true })
const chunks: Uint8Array[] = []
const samples: unknown[] = []
let offset = 0
for (let index = start; index < start + count; index++) {
  const s = generateScene(seed, index, { width, height })
  const jpeg = renderJpeg(s.rgba, s.width, s.height, quality)
  chunks.push(jpeg)
  samples.push({ index, key: s.key, offset, length: jpeg.length, record: s.record })
  offset += jpeg.length
}
writeFileSync(join(out, 'images.bin'), Buffer.concat(chunks))
writeFileSync(join(out, 'records.json'), JSON.stringify({ seed, width, height, quality, start, count, samples }))
const seconds = (performance.now() - t0) / 1000
console.log(`genData: seed ${seed} [${start}, ${start + count}) ${width}×${height} → ${out} in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)}/s)`)
