import type { AsyncBuffer } from '../../io/asyncBuffer.ts'
import { openSafetensors, type TensorInfo } from './safetensors.ts'

/** Access to the files of a checkpoint folder: JSON files and the safetensors weights. */

/** A checkpoint folder behind an abstract reader (Node fs in the CLI, File objects in the browser). */
export interface CheckpointReader {
  /** The file's bytes, or null when the folder has no such file. */
  open(name: string): Promise<AsyncBuffer | null>
}

/** A tensor source over one or more safetensors files. */
export interface Weights {
  readonly tensors: ReadonlyMap<string, TensorInfo>
  read(name: string): Promise<Float32Array>
}

export type Json = Record<string, unknown>

export async function readJson(reader: CheckpointReader, name: string): Promise<Json> {
  const bytes = await readRequired(reader, name)
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder().decode(bytes))
  } catch (e) {
    throw new Error(`${name}: not valid JSON (${(e as Error).message})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name}: not a JSON object`)
  return value as Json
}

export async function readRequired(reader: CheckpointReader, name: string): Promise<Uint8Array<ArrayBuffer>> {
  const file = await reader.open(name)
  if (!file) throw new Error(`checkpoint is missing ${name}`)
  return new Uint8Array(await file.slice(0, file.byteLength))
}

export function section(json: Json, file: string, key: string): Json {
  const v = json[key]
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${file}: missing ${key}`)
  return v as Json
}

/** model.safetensors, or the shards listed in model.safetensors.index.json. */
export async function openWeights(reader: CheckpointReader): Promise<Weights> {
  const single = await reader.open('model.safetensors')
  if (single) return openSafetensors(single, 'model.safetensors')
  const index = await reader.open('model.safetensors.index.json')
  if (!index) throw new Error('checkpoint is missing model.safetensors (nor is there a model.safetensors.index.json)')
  const map = section(await readJson(reader, 'model.safetensors.index.json'), 'model.safetensors.index.json', 'weight_map')
  const shardNames = [...new Set(Object.values(map).map(String))]
  const shards = await Promise.all(
    shardNames.map(async (name) => {
      const file = await reader.open(name)
      if (!file) throw new Error(`checkpoint is missing ${name} (listed in model.safetensors.index.json)`)
      return openSafetensors(file, name)
    }),
  )
  const owner = new Map(shards.flatMap((s) => [...s.tensors.keys()].map((t) => [t, s] as const)))
  return {
    tensors: new Map([...owner].map(([t, s]) => [t, s.tensors.get(t) as TensorInfo])),
    read(name) {
      const shard = owner.get(name)
      if (!shard) return Promise.reject(new Error(`model.safetensors: no tensor named ${name}`))
      return shard.read(name)
    },
  }
}
