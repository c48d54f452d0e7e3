/** Hands a Blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // The download has its own reference once started; the URL can go after this task.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
