// The app, loaded by entry.ts (which brings the first screen's styles).
import './styles/appStyles'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { seedFromBoot } from './app/boot'
import { createQueryClient } from './app/queryClient'
import { trackKeyboardModality } from './app/keyboardModality'
import { showTruncatedTitles } from './lib/truncatedTitles'
import { Providers } from './app/Providers'
import { ErrorBoundary } from './components/ErrorBoundary'
import { en } from './i18n/en'

document.title = en.appName
trackKeyboardModality()
showTruncatedTitles()

const queryClient = createQueryClient()
seedFromBoot(queryClient)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers queryClient={queryClient}>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </Providers>
  </StrictMode>,
)
