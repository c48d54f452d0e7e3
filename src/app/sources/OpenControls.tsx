import { useRef, useState, type FormEvent } from 'react'
import type { DatasetInput } from '../data/openDataset.ts'
import { HiddenFileInput } from '../components/HiddenFileInput.tsx'
import { canPickDirectory, inputsFromFileList, pickDirectory } from './collectFiles.ts'
import { messageOf } from '../../io/messageOf.ts'

const buttonClass = 'rounded-md border border-slate-600 bg-slate-800 px-2.5 py-1 text-sm text-slate-100 hover:bg-slate-700'

/** Open files, a folder, or URLs. Local picks open directly; URLs go into the address bar. */
export function OpenControls(props: { onFiles: (inputs: DatasetInput[]) => void; onUrls: (urls: string[], images: string | null) => void; onError: (message: string) => void }) {
  const filesRef = useRef<HTMLInputElement>(null)
  const folderRef = useRef<HTMLInputElement>(null)
  const [urlOpen, setUrlOpen] = useState(false)

  const openFolder = async () => {
    if (!canPickDirectory()) return folderRef.current?.click()
    try {
      const inputs = await pickDirectory()
      if (inputs) props.onFiles(inputs)
    } catch (error) {
      props.onError(messageOf(error))
    }
  }

  const submitUrls = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const urls = String(form.get('urls') ?? '').split(/\s+/).filter(Boolean)
    const images = String(form.get('images') ?? '').trim()
    if (urls.length > 0) props.onUrls(urls, images || null)
    setUrlOpen(false)
  }

  return (
    <div className="relative flex items-center gap-2">
      <button type="button" className={buttonClass} onClick={() => filesRef.current?.click()}>Open files</button>
      <button type="button" className={buttonClass} onClick={() => void openFolder()}>Open folder</button>
      <button type="button" className={buttonClass} onClick={() => setUrlOpen((open) => !open)} aria-expanded={urlOpen}>Open URL</button>
      <HiddenFileInput ref={filesRef} testId="file-input" onFiles={(files) => props.onFiles(inputsFromFileList(files))} />
      <HiddenFileInput ref={folderRef} folder testId="folder-input" onFiles={(files) => props.onFiles(inputsFromFileList(files))} />
      {urlOpen && (
        <form onSubmit={submitUrls} className="absolute right-0 top-10 z-20 w-[32rem] space-y-2 rounded-md border border-slate-600 bg-slate-800 p-3 shadow-xl">
          <label className="block text-xs text-slate-300">
            File URLs (jsonfiles, parquet shards, url2key maps, FG-OVD lines), one per line
            <textarea name="urls" rows={4} className="mt-1 w-full rounded bg-slate-900 p-2 font-mono text-xs text-slate-100" autoFocus />
          </label>
          <label className="block text-xs text-slate-300">
            Prepared image folder URL (the <code>grit-12m</code> folder), optional
            <input name="images" className="mt-1 w-full rounded bg-slate-900 p-2 font-mono text-xs text-slate-100" />
          </label>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass} onClick={() => setUrlOpen(false)}>Cancel</button>
            <button type="submit" className={`${buttonClass} border-sky-500`}>Open</button>
          </div>
        </form>
      )}
    </div>
  )
}
