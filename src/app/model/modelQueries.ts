import { useQueries, useQuery } from '@tanstack/react-query'
import type { ImageFeatures, TextPath } from '../../model/inference.ts'
import type { LoadedImage } from '../data/recordImage.ts'
import { useModel } from './ModelContext.tsx'
import { cachedEmbedding, storeEmbedding } from './textEmbeddingCache.ts'

const unreadablePixels =
  'The picture is shown but its pixels cannot be read: its host sends no CORS headers, so the browser taints the canvas. ' +
  'Open the prepared image folder or a parquet shard with inline image bytes to score this image.'

/** Whether the page may read this picture's pixels (a cross-origin picture without CORS may not). */
function pixelsReadable(element: HTMLImageElement): boolean {
  const context = document.createElement('canvas').getContext('2d')
  if (!context) return false
  context.drawImage(element, 0, 0, 1, 1)
  try {
    context.getImageData(0, 0, 1, 1)
    return true
  } catch {
    return false
  }
}

/** Global embedding and dense map of one image, computed once per (model, image). */
export function useImageFeatures(imageKey: string | null, image: LoadedImage | null) {
  const model = useModel()
  return useQuery<ImageFeatures>({
    queryKey: ['image-features', model?.key ?? null, imageKey],
    queryFn: async () => {
      if (!model || !image) throw new Error('no model or image')
      if (!pixelsReadable(image.element)) throw new Error(unreadablePixels)
      return model.client.encodeImage(await createImageBitmap(image.element))
    },
    enabled: !!model?.key && !!image && imageKey !== null,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: false,
  })
}

export interface TextRequest {
  text: string
  path: TextPath
}

/** Embeddings for many texts, from memory, then IndexedDB, then the model (batched per tick). */
export function useTextEmbeddings(texts: readonly TextRequest[], options: { keepPrevious?: boolean } = {}): (Float32Array | null)[] {
  const keepPrevious = options.keepPrevious ?? true
  const model = useModel()
  const key = model?.key ?? null
  const results = useQueries({
    queries: texts.map(({ text, path }) => ({
      queryKey: ['text-embedding', key, path, text],
      queryFn: async () => {
        if (!model || key === null) throw new Error('no model')
        const cached = await cachedEmbedding(key, path, text)
        if (cached) return cached
        const embedding = await model.client.encodeText(text, path)
        void storeEmbedding(key, path, text, embedding)
        return embedding
      },
      enabled: key !== null,
      staleTime: Infinity,
      gcTime: 10 * 60_000,
      // Editing a text keeps showing the last score until the new one arrives.
      placeholderData: (previous: Float32Array | undefined) => (keepPrevious ? previous : undefined),
    })),
  })
  return results.map((r) => r.data ?? null)
}
