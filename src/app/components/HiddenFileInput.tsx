import { forwardRef } from 'react'

/**
 * A hidden file input that a button opens: several files, or (`folder`) a whole folder through
 * `webkitdirectory`, which React does not know as a prop and so is set on the element.
 */
export const HiddenFileInput = forwardRef<HTMLInputElement, { folder?: boolean; testId: string; onFiles: (files: FileList) => void }>(
  function HiddenFileInput({ folder = false, testId, onFiles }, ref) {
    return (
      <input
        ref={(element) => {
          if (folder) element?.setAttribute('webkitdirectory', '')
          if (typeof ref === 'function') ref(element)
          else if (ref) ref.current = element
        }}
        type="file"
        multiple={!folder}
        hidden
        data-testid={testId}
        onChange={(e) => {
          if (e.currentTarget.files) onFiles(e.currentTarget.files)
          // Picking the same files again must fire a change event too.
          e.currentTarget.value = ''
        }}
      />
    )
  },
)
