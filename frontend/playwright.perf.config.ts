import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './e2e/chromium';

// The UI benchmark (issue 9, point 7), run only by scripts/bench-ui.sh (make
// bench), never by `make test`: its spec is named *.perf.ts, which the e2e
// config's default testMatch does not pick up. The app is the real Go backend
// behind app/webbridge, on a data dir that scripts/bench-ui.sh seeded with
// 10,000 keys (backend/cmd/keydesk-seed) and passes as KEYDESK_PERF_HOME.
const APP_PORT = 34197;
const home = process.env.KEYDESK_PERF_HOME;
if (!home) throw new Error('KEYDESK_PERF_HOME is not set: run scripts/bench-ui.sh');

export default defineConfig({
  testDir: 'e2e/perf',
  testMatch: '**/*.perf.ts',
  outputDir: 'test-results/perf',
  timeout: 600_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `../build/bin/keydesk-web -addr 127.0.0.1:${APP_PORT} -dist dist -local-addr 127.0.0.1:0 -log ${join(home, 'keydesk-web.log')}`,
    url: `http://127.0.0.1:${APP_PORT}/`,
    env: {
      KEYDESK_HOME: home,
      KEYDESK_KEYRING: 'file',
      KEYDESK_KEYRING_PASSWORD: process.env.KEYDESK_KEYRING_PASSWORD ?? 'bench',
    },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
