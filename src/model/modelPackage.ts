import { parseManifest, type ModelManifest } from './packageManifest.ts'
import { messageOf } from '../io/messageOf.ts'

/** The bytes of a model package, checked against its manifest. */
export interface LoadedPackage {
  manifest: ModelManifest
  imageGraph: Uint8Array
  textGraph: Uint8Array
  tokenizerJson: string
}

/** Reads one file of the package by name; throws when it is absent. */
export type PackageFileReader = (name: string) => Promise<Uint8Array>

const required = ['image.onnx', 'text.onnx', 'tokenizer.json'] as const

/**
 * Loads a package through `read` (URL, dropped files, a cache — the caller decides), and checks
 * that every file the runtime needs is there with the size the manifest states, naming what is not.
 */
export async function loadPackage(read: PackageFileReader): Promise<LoadedPackage> {
  const manifestBytes = await read('manifest.json').catch((error: unknown) => {
    throw new Error(`Not a model package: manifest.json is missing (${messageOf(error)})`)
  })
  let manifestJson: unknown
  try {
    manifestJson = JSON.parse(new TextDecoder().decode(manifestBytes))
  } catch (error) {
    throw new Error(`manifest.json is not valid JSON: ${messageOf(error)}`)
  }
  const manifest = parseManifest(manifestJson)
  const [imageGraph, textGraph, tokenizer] = await Promise.all(
    required.map(async (name) => {
      const listed = manifest.files.find((file) => file.name === name)
      if (!listed) throw new Error(`manifest.json does not list ${name}`)
      const bytes = await read(name).catch((error: unknown) => {
        throw new Error(`The package lacks ${name} (${messageOf(error)})`)
      })
      if (bytes.length !== listed.bytes) {
        throw new Error(`${name} has ${bytes.length.toLocaleString()} bytes, the manifest says ${listed.bytes.toLocaleString()}: the package is damaged or mixed with another`)
      }
      return bytes
    }),
  )
  return { manifest, imageGraph, textGraph, tokenizerJson: new TextDecoder().decode(tokenizer) }
}
