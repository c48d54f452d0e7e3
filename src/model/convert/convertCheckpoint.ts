import { loadCheckpoint, type Checkpoint } from './checkpoint.ts'
import type { CheckpointReader } from './checkpointFiles.ts'
import { createGraphBuilder, type GraphBuilder, type WeightDtype } from './graphBuilder.ts'
import { buildImageGraph } from './imageGraph.ts'
import type { ModelManifest, PackageFile as ManifestFile } from '../packageManifest.ts'
import { buildManifest, CONVERTER, sha256Hex, type PackageLabel } from './manifest.ts'
import { serializeGraph, type PackageFile } from './modelFiles.ts'
import { buildTextGraph } from './textGraph.ts'

/**
 * Checkpoint folder → model package (docs/model-package.md). Input and output are abstract so the
 * same code runs in the Node CLI and in a browser worker.
 */

export type { CheckpointReader }

/**
 * Where the package goes. Files are staged: nothing is visible until `commit`; `abort` removes
 * whatever was staged, so a failed conversion never leaves a half-written package.
 */
export interface PackageWriter {
  write(name: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>
  commit(): Promise<void>
  abort(): Promise<void>
}

export interface ConvertOptions {
  /** Storage dtype of the weights in the graphs (compute stays float32). Default float32. */
  readonly weightDtype?: WeightDtype
  /** Called as each stage starts, e.g. to show progress. */
  readonly onProgress?: (stage: string) => void
  /** Forces ONNX external data above this .onnx size (default: the 2 GiB protobuf limit). */
  readonly maxInlineBytes?: number
  /** Display name and random-weights flag for the manifest. */
  readonly label?: PackageLabel
}

export interface ConvertResult {
  readonly manifest: ModelManifest
  /** Every file written, manifest.json last. */
  readonly files: readonly ManifestFile[]
}

const OPSET = 17

type GraphPart = { readonly file: string; readonly build: (b: GraphBuilder, c: Checkpoint) => Promise<void> }
const GRAPHS: readonly GraphPart[] = [
  { file: 'image.onnx', build: buildImageGraph },
  { file: 'text.onnx', build: buildTextGraph },
]

async function writeFile(writer: PackageWriter, file: PackageFile): Promise<ManifestFile> {
  await writer.write(file.name, file.bytes)
  return { name: file.name, bytes: file.bytes.length, sha256: await sha256Hex(file.bytes) }
}

export async function convertCheckpoint(
  reader: CheckpointReader,
  writer: PackageWriter,
  options: ConvertOptions = {},
): Promise<ConvertResult> {
  const weightDtype = options.weightDtype ?? 'float32'
  const progress = options.onProgress ?? ((): void => {})
  try {
    progress('reading checkpoint')
    const ckpt = await loadCheckpoint(reader)
    const files: ManifestFile[] = []
    // One graph at a time, so only one graph's weights are in memory at once.
    for (const part of GRAPHS) {
      progress(`building ${part.file}`)
      const b = createGraphBuilder(weightDtype)
      await part.build(b, ckpt)
      const serialized = serializeGraph(b.build(part.file.replace('.onnx', '')), part.file, {
        opsetVersion: OPSET,
        producerName: 'finehard-explorer',
        producerVersion: CONVERTER,
        maxInlineBytes: options.maxInlineBytes,
      })
      for (const f of serialized) files.push(await writeFile(writer, f))
    }
    files.push(await writeFile(writer, { name: 'tokenizer.json', bytes: ckpt.tokenizer }))
    const manifest = buildManifest(ckpt, weightDtype, files, new Date(), options.label)
    const manifestBytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`)
    const written = [...files, await writeFile(writer, { name: 'manifest.json', bytes: manifestBytes })]
    progress('finishing')
    await writer.commit()
    return { manifest, files: written }
  } catch (e) {
    await writer.abort()
    throw e
  }
}
