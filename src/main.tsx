import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { isLoadedImage } from './app/data/recordImage.ts'
import './index.css'

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } })

// Decoded images hold object URLs; release each when its query leaves the cache.
queryClient.getQueryCache().subscribe((event) => {
  const data: unknown = event.query.state.data
  if (event.type === 'removed' && isLoadedImage(data) && data.objectUrl) URL.revokeObjectURL(data.src)
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
