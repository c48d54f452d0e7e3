import { useMemo } from 'react'
import { cosine } from '../../model/scoring.ts'
import { useTextEmbeddings, type TextRequest } from './modelQueries.ts'

/** FG-CLIP prefixes short captions with this in training and evaluation. */
const shortPrefix = 'a photo of '

/** The image against its own long caption (long text path) and short caption (short path). */
export function CaptionScores(props: { imageEmbedding: Float32Array | null; unavailable: boolean; caption: string | null; shortCaption: string | null; logitScale: number }) {
  const requests = useMemo(() => {
    const list: (TextRequest & { label: string })[] = []
    if (props.caption) list.push({ text: props.caption, path: 'long', label: 'long caption' })
    if (props.shortCaption) list.push({ text: shortPrefix + props.shortCaption, path: 'short', label: 'short caption' })
    return list
  }, [props.caption, props.shortCaption])
  const embeddings = useTextEmbeddings(requests)
  if (requests.length === 0) return null
  const scale = Math.exp(props.logitScale)
  return (
    <section data-testid="caption-scores" className="rounded border border-slate-700 px-3 py-2 text-xs text-slate-300">
      <h3 className="mb-1 font-semibold uppercase tracking-wide text-slate-400">Image ↔ caption</h3>
      {requests.map((request, i) => {
        const embedding = embeddings[i]
        const cos = props.imageEmbedding && embedding ? cosine(props.imageEmbedding, embedding) : null
        return (
          <p key={request.label} className="flex justify-between tabular-nums">
            <span>{request.label}{request.path === 'short' && <span className="text-slate-500"> (“a photo of …”)</span>}</span>
            <span data-testid="caption-score">{cos === null ? (props.unavailable ? '—' : '…') : `cos ${cos.toFixed(3)} · logit ${(scale * cos).toFixed(1)}`}</span>
          </p>
        )
      })}
    </section>
  )
}
