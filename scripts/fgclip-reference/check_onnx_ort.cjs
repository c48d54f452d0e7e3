#!/usr/bin/env node
// Run an exported package's image.onnx / text.onnx with onnxruntime-node (the project's dependency)
// on the inputs of a reference JSON and print the max |difference| per output.
//   node scripts/fgclip-reference/check_onnx_ort.cjs <dir with image.onnx + text.onnx> src/model/testdata/reference/tiny-a.json
const path = require('path');
const fs = require('fs');
const ort = require(path.join(__dirname, '..', '..', 'node_modules', 'onnxruntime-node'));

const maxDiff = (ref, got, off = 0) => ref.reduce((m, v, j) => Math.max(m, Math.abs(v - got[off + j])), 0);

(async () => {
  const [dir, refPath] = process.argv.slice(2);
  if (!dir || !refPath) throw new Error('usage: check_onnx_ort.cjs <onnx dir> <reference json>');
  const ref = JSON.parse(fs.readFileSync(refPath, 'utf8'));
  const S = ref.image_size, P = ref.projection_dim, G2 = ref.grid * ref.grid;
  const img = await ort.InferenceSession.create(path.join(dir, 'image.onnx'));
  const n = ref.images.length;
  const px = new Float32Array(ref.images.flatMap((i) => i.pixel_values));
  const r = await img.run({ pixel_values: new ort.Tensor('float32', px, [n, 3, S, S]) });
  const d = { image_embeds: 0, dense_features: 0, short_embeds: 0, long_embeds: 0 };
  ref.images.forEach((im, i) => {
    d.image_embeds = Math.max(d.image_embeds, maxDiff(im.image_embeds, r.image_embeds.data, i * P));
    im.dense_features.forEach((row, t) => {
      d.dense_features = Math.max(d.dense_features, maxDiff(row, r.dense_features.data, (i * G2 + t) * P));
    });
  });
  const txt = await ort.InferenceSession.create(path.join(dir, 'text.onnx'));
  const eos = ref.eos_token_id;
  for (const [key, offset, max] of [['short', 0, ref.max_length_short], ['long', ref.max_length_short, ref.max_length_long]]) {
    // one batch per path: every text padded to `max` with eos, position_ids offset + i
    const ids = ref.texts.flatMap((t) => t[key].ids.concat(Array(max - t[key].ids.length).fill(eos)));
    const pos = ref.texts.flatMap(() => Array.from({ length: max }, (_, i) => offset + i));
    const big = (a) => BigInt64Array.from(a.map(BigInt));
    const o = await txt.run({
      input_ids: new ort.Tensor('int64', big(ids), [ref.texts.length, max]),
      position_ids: new ort.Tensor('int64', big(pos), [ref.texts.length, max]),
    });
    ref.texts.forEach((t, i) => {
      d.short_embeds = Math.max(d.short_embeds, maxDiff(t[key].short_embeds, o.short_embeds.data, i * P));
      d.long_embeds = Math.max(d.long_embeds, maxDiff(t[key].long_embeds, o.long_embeds.data, i * P));
    });
  }
  console.log(JSON.stringify({ reference: path.basename(refPath), max_abs_diff: d }));
})().catch((e) => { console.error(e); process.exit(1); });
