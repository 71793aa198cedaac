import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vitest/config'

// dist/.gitkeep is tracked so that `//go:embed all:frontend/dist` compiles on a
// clean checkout; vite empties dist/ on every build, so put it back afterwards.
function keepDistGitkeep(): Plugin {
  let outDir = 'dist'
  return {
    name: 'keydesk:keep-dist-gitkeep',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      writeFileSync(resolve(outDir, '.gitkeep'), '')
    },
  }
}

export default defineConfig({
  plugins: [react(), keepDistGitkeep()],
  // ASCII output (other characters as \u escapes): JavaScriptCore keeps a
  // script's source as 8-bit text only when all of it is Latin-1, else
  // as 16-bit, which doubles the memory the desktop's web view holds for it.
  esbuild: { charset: 'ascii' },
  build: {
    // The bundle is embedded in the desktop binary and loaded from disk: the
    // app's ~0.9 MB chunk loads after the first screen (entry.ts) and gains
    // nothing from being split further.
    chunkSizeWarningLimit: 1024,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    mockReset: true,
    // Dialog tests type key by key; on a busy 2-core machine that outlasts the 5 s default.
    testTimeout: 15_000,
    // e2e/ is Playwright's (npm run e2e), not Vitest's.
    include: ['src/**/*.test.{ts,tsx}'],
  },
})
