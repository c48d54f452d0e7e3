import { useMemo } from 'react'
import type { Region } from '../../formats/types.ts'
import { scoreRegion } from '../../model/scoring.ts'
import type { RegionScoring } from '../sample/RegionList.tsx'
import { useTextEmbeddings } from './modelQueries.ts'

/**
 * Each region's margin (positive cosine minus its best negative's), or null until scored or
 * when it has no negatives: what "review the hardest first" orders by.
 */
export function useRegionMargins(regions: readonly Region[], scoring: RegionScoring | null): (number | null)[] | null {
  const active = scoring !== null
  const texts = useMemo(
    () => (active ? regions.flatMap((r) => [r.shortExpr ?? '', ...r.negatives.map((n) => n.text)]).map((text) => ({ text, path: 'short' as const })) : []),
    [regions, active],
  )
  const embeddings = useTextEmbeddings(texts)
  return useMemo(() => {
    if (!scoring) return null
    let at = 0
    return regions.map((region, i) => {
      const own = embeddings.slice(at, at + 1 + region.negatives.length)
      at += own.length
      const feature = scoring.features[i]
      if (!feature || region.negatives.length === 0 || own.some((e) => e === null)) return null
      return scoreRegion(feature, own as Float32Array[], scoring.scale).margin
    })
    // Embedding arrays are stable per text, so their identities are the right dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [regions, scoring, ...embeddings])
}
