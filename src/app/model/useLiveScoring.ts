import { useCallback, useMemo, useState } from 'react'
import type { Box, Region, SampleRecord } from '../../formats/types.ts'
import { FG_OVD_SCALE } from '../../model/scoring.ts'
import type { LoadedImage } from '../data/recordImage.ts'
import type { RegionScoring } from '../sample/RegionList.tsx'
import { useModel } from './ModelContext.tsx'
import { useImageFeatures } from './modelQueries.ts'
import { regionEmbeddings } from '../../model/regionEmbeddings.ts'

function drawnRegion(index: number, box: Box): Region {
  return {
    index, box, rawBbox: [box.x1, box.y1, box.x2, box.y2], confidence: null, shortExpr: '', longExpr: null,
    flagShortNeg: null, negatives: [], defects: [], extra: { drawn: 'by you, not in the file' },
  }
}

/**
 * What the sample view needs to score live: the image's features, the regions with the user's box
 * edits and drawn boxes applied, each region's RoIAlign feature, and the text edits. Edits are
 * what-ifs for scoring; the record itself is never changed.
 */
export function useLiveScoring(record: SampleRecord, image: LoadedImage | null, imageKey: string | null) {
  const model = useModel()
  const manifest = model?.status.state === 'ready' ? model.status.info.manifest : null
  const features = useImageFeatures(imageKey, image)
  const [boxEdits, setBoxEdits] = useState<Record<number, Box>>({})
  const [drawn, setDrawn] = useState<Box[]>([])
  const [textEdits, setTextEdits] = useState<Record<string, string>>({})

  const regions = useMemo(
    () => [
      ...record.regions.map((r) => (boxEdits[r.index] ? { ...r, box: boxEdits[r.index] } : r)),
      ...drawn.map((box, k) => drawnRegion(record.regions.length + k, boxEdits[record.regions.length + k] ?? box)),
    ],
    [record.regions, boxEdits, drawn],
  )
  const onEdit = useCallback((region: number, key: string, text: string) => setTextEdits((edits) => ({ ...edits, [`${region}/${key}`]: text })), [])
  const onBoxChange = useCallback((index: number, box: Box) => setBoxEdits((edits) => ({ ...edits, [index]: box })), [])
  /** Drops a what-if box, e.g. once the reviewer's correction holds the same box. */
  const forgetBox = useCallback(
    (index: number) =>
      setBoxEdits((edits) => {
        const next = { ...edits }
        delete next[index]
        return next
      }),
    [],
  )
  const onBoxDrawn = useCallback((box: Box) => setDrawn((boxes) => [...boxes, box]), [])
  const reset = useCallback(() => {
    setBoxEdits({})
    setDrawn([])
    setTextEdits({})
  }, [])

  const dense = features.data?.dense
  const regionFeatures = useMemo(
    () => (dense && manifest ? regionEmbeddings(regions.map((r) => r.box), dense, manifest.grid, manifest.projectionDim) : null),
    [dense, manifest, regions],
  )
  const scoring = useMemo<RegionScoring | null>(
    () => (manifest ? { features: regionFeatures ?? regions.map(() => null), scale: FG_OVD_SCALE, edits: textEdits, onEdit } : null),
    [manifest, regionFeatures, regions, textEdits, onEdit],
  )
  const edited = Object.keys(boxEdits).length + drawn.length + Object.keys(textEdits).length > 0
  return { manifest, features, regions, scoring, onBoxChange, forgetBox, onBoxDrawn, edited, reset }
}
