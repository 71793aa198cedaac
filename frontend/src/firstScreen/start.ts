// How the page starts (entry.ts): the first screen if there is one, then the
// app once that is on screen, and a way out if the app cannot load.
import { markFirstPaint } from '../features/keys/perfMarks'
import { en } from '../i18n/en'
import { escapeHtml } from '../lib/html'
import { afterPaint } from '../lib/paint'
import { showFirstScreen } from './show'

/**
 * Paints the first screen from the boot data when there is some, and loads
 * the app after that paint (its script would hold the paint back), else at
 * once. If the app fails to load, the page says so instead of leaving a
 * screen that looks ready but never answers.
 */
export function startPage(win: Window, loadApp: () => Promise<unknown>): void {
  const shown = showFirstScreen(win)
  // The key table is on the page: the benchmark's mark (React's, later, is then a no-op).
  if (shown) markFirstPaint()
  const load = () => {
    loadApp().catch((err: unknown) => showStartFailed(win, err))
  }
  if (shown) afterPaint(load)
  else load()
}

/** Replaces the page with what went wrong and a Reload button. */
export function showStartFailed(win: Window, err: unknown) {
  const root = win.document.getElementById('root')
  if (!root) return
  const detail = err instanceof Error ? err.message : String(err)
  root.innerHTML =
    `<div role="alert" data-testid="start-failed" style="max-width: 36rem; margin: 15vh auto; padding: 0 1.5rem; font-family: var(--mantine-font-family, sans-serif); color: var(--mantine-color-text);">` +
    `<h1 style="font-size: 1.25rem; font-weight: 600; margin: 0 0 0.5rem;">${escapeHtml(en.startFailed.title)}</h1>` +
    `<p style="margin: 0 0 0.5rem;">${escapeHtml(en.startFailed.hint)}</p>` +
    `<p style="margin: 0 0 1rem; font-family: var(--mantine-font-family-monospace, monospace); font-size: 0.875rem; color: var(--mantine-color-dimmed); overflow-wrap: anywhere;">${escapeHtml(detail)}</p>` +
    `<button type="button" class="mantine-focus-auto mantine-active m_77c9d27d mantine-Button-root m_87cf2631 mantine-UnstyledButton-root" style="--button-bg: var(--mantine-color-indigo-filled); --button-hover: var(--mantine-color-indigo-filled-hover); --button-color: var(--mantine-color-white);"><span class="m_80f1301b mantine-Button-inner"><span class="m_811560b9 mantine-Button-label">${escapeHtml(en.startFailed.reload)}</span></span></button>` +
    `</div>`
  root.querySelector('button')!.addEventListener('click', () => win.location.reload())
}
