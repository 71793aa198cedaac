import { expect, type Locator, type Page } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_PORT } from '../playwright.config';

export const SECRET = /^[a-z][a-z0-9]{1,11}_[0-9A-Za-z]{49}$/;
const KEYDESK = '../build/bin/keydesk';

// verify asks a key server directly, as a service would.
export async function verify(secret: string, port = SERVER_PORT): Promise<{ valid: boolean; reason?: string; keyId?: string }> {
  const r = await fetch(`http://127.0.0.1:${port}/v1/keys/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key: secret }),
  });
  expect(r.status).toBe(200);
  return r.json();
}

/** Notes a secret the test was shown, for the scan after the suite. */
export function issued(secret: string): string {
  appendFileSync(process.env.KEYDESK_E2E_ISSUED!, secret + '\n');
  return secret;
}

/** A screenshot with transitions run to their end: a dialog caught fading in would show half the page through it. */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, animations: 'disabled' });
}

/** A `keydesk serve` of its own, with one workspace, for remote-workspace tests. */
export class RemoteServer {
  readonly db: string;
  readonly port: number;
  workspaceId = '';
  adminKey = '';
  private proc?: ChildProcess;
  private onExit?: () => void;

  constructor(port: number) {
    this.port = port;
    this.db = `sqlite:${join(mkdtempSync(join(tmpdir(), 'keydesk-remote-')), 'keys.db')}`;
    const created = this.createWorkspace('Team');
    this.workspaceId = created.workspaceId;
    this.adminKey = created.adminKey;
  }

  /** Creates another workspace on this server (while it is stopped), as its operator would. */
  createWorkspace(name: string): { workspaceId: string; adminKey: string } {
    const out = execFileSync(KEYDESK, ['admin', 'create-workspace', name, '--db', this.db, '--json']).toString();
    const created = JSON.parse(out) as { workspaceId: string; adminKey: string };
    issued(created.adminKey);
    return created;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    this.proc = spawn(KEYDESK, ['serve', '--addr', `127.0.0.1:${this.port}`, '--db', this.db, '--log-level', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
    // A test that fails never reaches its stop(): the server goes with the
    // worker, or the next run's server would find the port taken and a
    // test would talk to this one.
    const proc = this.proc;
    this.onExit = () => proc.kill('SIGTERM');
    process.once('exit', this.onExit);
    // What it says when it does not start (a port taken, a locked database).
    let said = '';
    this.proc.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`keydesk serve did not start within 10 s (exit code ${this.proc.exitCode}): ${said.trim() || 'it said nothing'}`);
  }

  async stop() {
    if (!this.proc) return;
    if (this.onExit) process.off('exit', this.onExit);
    const exited = new Promise((r) => this.proc!.once('exit', r));
    this.proc.kill('SIGTERM');
    await exited;
    this.proc = undefined;
  }

  /** Creates a key through the API, as another admin would. */
  async createKey(
    name: string,
    role = 'api',
    workspace = { workspaceId: this.workspaceId, adminKey: this.adminKey },
  ): Promise<{ key: { id: string; maskedKey: string }; secret: string }> {
    const r = await fetch(`${this.url}/v1/workspaces/${workspace.workspaceId}/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${workspace.adminKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, role }),
    });
    expect(r.status).toBe(201);
    const created = await r.json();
    issued(created.secret);
    return created;
  }
}

/**
 * The visible texts of the page that read under 4.5:1 against what is behind
 * them (3:1 for large text; WCAG AA), as "text: ratio". Disabled controls and
 * hidden parts are left out, as WCAG does.
 */
export function lowContrastTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgba = (c: string) => {
      const [r, g, b, a = 1] = (c.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0', '0']).map(Number);
      return [r, g, b, a];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[3] * top[i] + (1 - top[3]) * under[i]).concat(1);
    // What is behind an element: its own background and its ancestors', blended down to the page's.
    const backdrop = (el: Element) => {
      const layers: number[][] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let bg = [255, 255, 255, 1];
      if (!layers.length || layers[layers.length - 1][3] < 1) bg = over(rgba(getComputedStyle(document.body).backgroundColor), bg);
      for (const layer of layers.reverse()) bg = over(layer, bg);
      return bg;
    };
    const lum = ([r, g, b]: number[]) => {
      const [R, G, B] = [r, g, b].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * R + 0.7152 * G + 0.0722 * B;
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const text = walker.currentNode.textContent!.trim();
      const el = walker.currentNode.parentElement!;
      const box = el.getBoundingClientRect();
      if (!text || box.width === 0 || box.bottom < 0 || box.top > innerHeight || el.closest('[aria-hidden="true"], :disabled, [data-disabled]')) continue;
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const color = rgba(getComputedStyle(el).color);
      const bg = backdrop(el);
      const fg = over([color[0], color[1], color[2], color[3] * opacity], bg);
      const [a, b] = [lum(fg), lum(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const style = getComputedStyle(el);
      const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) found.push(`${text.slice(0, 40)}: ${ratio.toFixed(2)}`);
    }
    return found;
  });
}

/**
 * Picks a row menu's item with the keyboard: Enter on the ⋯ button, then
 * Enter on the item. The menu moves the focus into itself once its
 * transition is over: an item focused before that loses it, and the Enter
 * lands elsewhere (a CI flake), so the item is focused only after.
 */
export async function pickMenuItemByKeyboard(page: Page, menuButton: Locator, item: string): Promise<void> {
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(item)).toBeVisible();
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('[role=menu]'))).toBe(true);
  await page.getByTestId(item).focus();
  await expect(page.getByTestId(item)).toBeFocused();
  await page.keyboard.press('Enter');
}
