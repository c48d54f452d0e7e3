// The committed demo model (public/demo/model/) through the app's own inference path — JPEG decode →
// preprocessImage → image.onnx → RoIAlign weights → text.onnx → scoreRegion — on the held-out scenes
// the Python evaluation reported (expected.json: generator seed, first N images), regenerated here
// with the project's deterministic generator. A bug anywhere in that path drops accuracy to chance.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import jpeg from 'jpeg-js'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { generateScene, renderJpeg } from '../demo/index.ts'
import { runImageGraph, runTextGraph } from '../../src/model/inference.ts'
import { parseManifest } from '../../src/model/packageManifest.ts'
import { preprocessImage } from '../../src/model/preprocess.ts'
import { normalisedBoxToGrid, regionFeatures, roiWeights } from '../../src/model/roiAlign.ts'
import { scoreRegion, similarityHeatmap } from '../../src/model/scoring.ts'
import { encodeText, loadTokenizer } from '../../src/model/tokenizer.ts'

// Overridable to check another trained package against its own evaluation.
const PACKAGE = process.env.DEMO_MODEL_PACKAGE ?? join(import.meta.dirname, '../../public/demo/model')
const EXPECTED = process.env.DEMO_MODEL_EXPECTED ?? join(import.meta.dirname, 'expected.json')

interface Expected {
  evalSeed: number
  images: number
  width: number
  height: number
  quality: number
  regions: number
  regionAccuracy: number
  heatmapInBox: number
}

describe('the demo model through the app code', () => {
  it('reaches the Python-reported region accuracy (±2 points) and heatmap rate (±3) on the held-out set', async () => {
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Expected
    const manifest = parseManifest(JSON.parse(readFileSync(join(PACKAGE, 'manifest.json'), 'utf8')))
    const tokenizer = loadTokenizer(readFileSync(join(PACKAGE, 'tokenizer.json'), 'utf8'))
    const imageSession = await ort.InferenceSession.create(join(PACKAGE, 'image.onnx'))
    const textSession = await ort.InferenceSession.create(join(PACKAGE, 'text.onnx'))
    const { imageSize: s, grid, projectionDim: p } = manifest
    const encode = (text: string) =>
      encodeText(tokenizer, text, { maxLength: manifest.maxLengthShort, bosTokenId: manifest.bosTokenId, eosTokenId: manifest.eosTokenId })

    let regions = 0
    let passed = 0
    let inBox = 0
    const chunk = 25
    for (let start = 0; start < expected.images; start += chunk) {
      const samples = Array.from({ length: Math.min(chunk, expected.images - start) }, (_, k) =>
        generateScene(expected.evalSeed, start + k, { width: expected.width, height: expected.height }),
      )
      const pixels = new Float32Array(samples.length * 3 * s * s)
      samples.forEach((sample, k) => {
        const decoded = jpeg.decode(renderJpeg(sample.rgba, sample.width, sample.height, expected.quality), { useTArray: true })
        pixels.set(preprocessImage({ width: decoded.width, height: decoded.height, data: decoded.data, channels: 4 }, s, manifest), k * 3 * s * s)
      })
      const features = await runImageGraph(ort.Tensor, imageSession, pixels, manifest)

      const texts = [...new Set(samples.flatMap((x) => x.record.bbox_info.flatMap((r) => [r.short_expr, ...Object.values(r.short_expr_negs)])))]
      const embeds = await runTextGraph(ort.Tensor, textSession, texts.map(encode), 'short', manifest)
      const byText = new Map(texts.map((t, i) => [t, embeds[i]]))

      samples.forEach((sample, k) => {
        const boxes = sample.record.bbox_info.map((r) => normalisedBoxToGrid([r.bbox[0], r.bbox[1], r.bbox[2], r.bbox[3]], grid))
        const feats = regionFeatures(roiWeights(boxes, grid), boxes.length, features[k].dense, p)
        sample.record.bbox_info.forEach((r, j) => {
          const texts = [r.short_expr, ...Object.values(r.short_expr_negs)].map((t) => byText.get(t)!)
          regions++
          if (scoreRegion(feats.subarray(j * p, (j + 1) * p), texts).passes) passed++
          const heat = similarityHeatmap(texts[0], features[k].dense, grid, p)
          const cell = heat.indexOf(Math.max(...heat))
          const cx = ((cell % grid) + 0.5) / grid
          const cy = (Math.floor(cell / grid) + 0.5) / grid
          if (cx >= r.bbox[0] && cx <= r.bbox[2] && cy >= r.bbox[1] && cy <= r.bbox[3]) inBox++
        })
      })
    }
    const accuracy = passed / regions
    console.log(
      `demo model, app code: region accuracy ${(100 * accuracy).toFixed(1)} % (${passed}/${regions}), Python ${(100 * expected.regionAccuracy).toFixed(1)} %; ` +
        `heatmap argmax in box ${((100 * inBox) / regions).toFixed(1)} %`,
    )
    expect(regions).toBe(expected.regions)
    expect(Math.abs(accuracy - expected.regionAccuracy)).toBeLessThanOrEqual(0.02)
    expect(accuracy).toBeGreaterThan(0.5) // far above chance (1/11)
    expect(Math.abs(inBox / regions - expected.heatmapInBox)).toBeLessThanOrEqual(0.03)
  })
})
