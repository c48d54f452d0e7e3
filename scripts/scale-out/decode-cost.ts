/**
 * CPU cost per picture of what `npm run score` does before the image graph — JPEG decode
 * (sharp, as the CLI) and preprocessImage (PIL-exact bicubic squash to 224, normalise) — at
 * the demo's size and at larger web-image sizes, for the estimate in docs/scale-out.md.
 *
 *   npx tsx scripts/scale-out/decode-cost.ts
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import jpeg from 'jpeg-js'
import { preprocessImage, resizeBicubic, toRgb } from '../../src/model/preprocess.ts'
import { decodeImage } from '../score/imageSource.ts'

const RUNS = 15
const SIZES: [number, number][] = [[320, 240], [640, 480], [1024, 768]]
const NORM = { mean: [0.48145466, 0.4578275, 0.40821073], std: [0.26862954, 0.26130258, 0.27577711] }

const demo = jpeg.decode(readFileSync(join(import.meta.dirname, '../../public/demo/grit-12m/coyo_image_0/00000/000000000.jpg')), { useTArray: true })

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

console.log('| picture | JPEG bytes | decode (sharp) | preprocess to 224 | total |')
console.log('|---|---|---|---|---|')
for (const [width, height] of SIZES) {
  const rgb = resizeBicubic(toRgb({ width: demo.width, height: demo.height, data: demo.data, channels: 4 }), width, height)
  const rgba = new Uint8Array(width * height * 4)
  for (let p = 0; p < width * height; p++) rgba.set([rgb.data[3 * p], rgb.data[3 * p + 1], rgb.data[3 * p + 2], 255], 4 * p)
  const bytes = new Uint8Array(jpeg.encode({ width, height, data: rgba }, 90).data)
  const decodeMs: number[] = []
  const preprocessMs: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now()
    const decoded = await decodeImage(bytes)
    const t1 = performance.now()
    if (!decoded.ok) throw new Error(decoded.reason)
    preprocessImage(decoded.image, 224, NORM)
    decodeMs.push(t1 - t0)
    preprocessMs.push(performance.now() - t1)
  }
  const d = median(decodeMs)
  const p = median(preprocessMs)
  console.log(`| ${width}×${height} | ${(bytes.length / 1024).toFixed(0)} KiB | ${d.toFixed(1)} ms | ${p.toFixed(1)} ms | ${(d + p).toFixed(1)} ms |`)
}
