import type { DatasetInput } from '../data/openDataset.ts'

/** Files from a picker: `webkitRelativePath` holds the path inside a picked folder. */
export function inputsFromFileList(files: FileList | File[]): DatasetInput[] {
  return sortInputs(Array.from(files, (file) => ({ path: file.webkitRelativePath || file.name, file })))
}

function sortInputs(inputs: { path: string; file: File }[]): DatasetInput[] {
  return inputs.filter((input) => !input.path.split('/').some((part) => part.startsWith('.'))).sort((a, b) => a.path.localeCompare(b.path))
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject))
}

async function walkEntry(entry: FileSystemEntry, out: { path: string; file: File }[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject))
    out.push({ path: entry.fullPath.replace(/^\//, ''), file })
    return
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader()
  // readEntries returns at most ~100 entries a call; an empty batch means the folder is done.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    await Promise.all(batch.map((child) => walkEntry(child, out)))
  }
}

/** Files and whole folders dropped on the page, with their paths inside the dropped folders. */
export async function inputsFromDrop(transfer: DataTransfer): Promise<DatasetInput[]> {
  const entries = Array.from(transfer.items, (item) => item.webkitGetAsEntry()).filter((entry): entry is FileSystemEntry => entry !== null)
  if (entries.length === 0) return inputsFromFileList(transfer.files)
  const out: { path: string; file: File }[] = []
  await Promise.all(entries.map((entry) => walkEntry(entry, out)))
  return sortInputs(out)
}

interface DirectoryHandle {
  kind: 'directory'
  name: string
  values(): AsyncIterable<DirectoryHandle | { kind: 'file'; name: string; getFile(): Promise<File> }>
}

async function walkHandle(handle: DirectoryHandle, prefix: string, out: { path: string; file: File }[]) {
  for await (const child of handle.values()) {
    const path = `${prefix}${child.name}`
    if (child.kind === 'file') out.push({ path, file: await child.getFile() })
    else await walkHandle(child, `${path}/`, out)
  }
}

type PickerWindow = Window & { showDirectoryPicker?: () => Promise<DirectoryHandle> }

export function canPickDirectory(): boolean {
  return typeof (window as PickerWindow).showDirectoryPicker === 'function'
}

/** A whole folder through the File System Access API (Chromium); null when the user cancels. */
export async function pickDirectory(): Promise<DatasetInput[] | null> {
  const picker = (window as PickerWindow).showDirectoryPicker
  if (!picker) return null
  try {
    const handle = await picker.call(window)
    const out: { path: string; file: File }[] = []
    await walkHandle(handle, `${handle.name}/`, out)
    return sortInputs(out)
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null
    throw error
  }
}
