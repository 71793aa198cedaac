import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './e2e/chromium';

// The app is served by app/webbridge (built by scripts/test-e2e.sh) with its
// real Go backend and a fresh data dir; Chromium is Debian's, never a
// downloaded one.
export const APP_PORT = 34199;
export const SERVER_PORT = 34198; // the embedded key server of the Local workspace
// The config is evaluated again in every worker: the first evaluation
// chooses the data dir, the others inherit it through the environment.
process.env.KEYDESK_E2E_HOME ??= mkdtempSync(join(tmpdir(), 'keydesk-e2e-'));
// Every secret a test sees is noted here (outside the data dir); the global
// teardown then scans the data dir and the log for all of them.
process.env.KEYDESK_E2E_ISSUED ??= join(mkdtempSync(join(tmpdir(), 'keydesk-e2e-issued-')), 'secrets.txt');
const home = process.env.KEYDESK_E2E_HOME;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  globalTeardown: './e2e/teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    viewport: { width: 1280, height: 800 },
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `../build/bin/keydesk-web -addr 127.0.0.1:${APP_PORT} -dist dist -local-addr 127.0.0.1:${SERVER_PORT} -log ${join(home, 'keydesk-web.log')}`,
    url: `http://127.0.0.1:${APP_PORT}/`,
    env: { KEYDESK_HOME: home, KEYDESK_KEYRING: 'memory' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
