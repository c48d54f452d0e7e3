import { useQueries, useQuery } from '@tanstack/react-query'
import type { ImageFeatures, TextPath } from '../../model/inference.ts'
import type { LoadedImage } from '../data/recordImage.ts'
import { useModel } from './ModelContext.tsx'
import { cachedEmbedding, storeEmbedding } from './textEmbeddingCache.ts'

/** Global embedding and dense map of one image, computed once per (model, image). */
export function useImageFeatures(imageKey: string | null, image: LoadedImage | null) {
  const model = useModel()
  return useQuery<ImageFeatures>({
    queryKey: ['image-features', model?.key ?? null, imageKey],
    queryFn: async () => {
      if (!model || !image) throw new Error('no model or image')
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
