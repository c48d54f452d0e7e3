import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import type { Dataset } from '../data/dataset.ts'
import { useElementSize } from '../components/useElementSize.ts'
import { GalleryCell } from './GalleryCell.tsx'

const cellWidth = 220
const cellHeight = 236

/**
 * A virtualised grid: only the rows on screen (plus a few) exist in the DOM, so 100k+ records
 * scroll like 100. `indexAt(position)` maps a grid position to a record index (identity, or the
 * filter's matches).
 */
export function Gallery(props: {
  dataset: Dataset
  total: number
  length: number
  indexAt: (position: number) => number
  current: number | null
  onOpen: (index: number) => void
}) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const { width } = useElementSize(scrollRef)
  const columns = Math.max(1, Math.floor((width - 16) / cellWidth))
  const rows = Math.ceil(props.length / columns)
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => cellHeight,
    overscan: 2,
  })

  const currentPosition = props.current
  useEffect(() => {
    if (currentPosition === null) return
    virtualizer.scrollToIndex(Math.floor(currentPosition / columns), { align: 'auto' })
  }, [currentPosition, columns, virtualizer])

  return (
    <div ref={scrollRef} className="h-full overflow-auto px-2" data-testid="gallery">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className="absolute left-0 right-0 flex gap-2"
            style={{ top: row.start, height: cellHeight }}
          >
            {Array.from({ length: columns }, (_, column) => {
              const position = row.index * columns + column
              if (position >= props.length) return null
              const index = props.indexAt(position)
              return (
                <GalleryCell
                  key={index}
                  dataset={props.dataset}
                  index={index}
                  total={props.total}
                  width={cellWidth - 8}
                  onOpen={props.onOpen}
                />
              )
            })}
          </div>
        ))}
      </div>
    </div>
  )
}
