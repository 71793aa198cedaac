import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { bootData, serveBoot } from './boot';

// The first screen the page paints before the app's bundle runs
// (src/firstScreen/) must look exactly like the app's own first render, or
// the window would jump when React takes over. Both are drawn here from the
// same boot data, with the app's later calls held back so its screen stays
// at that first render, and compared pixel for pixel, light and dark.

/** Opens the page on `boot`; `app` false keeps the app's bundle from loading. */
async function open(page: Page, boot: unknown, app: boolean) {
  await serveBoot(page, boot, app);
  await page.goto('/');
  await expect(page.getByTestId('key-row').first()).toBeVisible();
  // React's screen is the one without the inert first screen.
  if (app) await expect(page.locator('[inert]')).toHaveCount(0);
  else await expect(page.locator('[inert]')).toHaveCount(1);
  // Transitions settle (the status filter's indicator, the shell's resize flag).
  await page.waitForTimeout(600);
  // The status filter's selection is drawn by a box React positions in
  // fractional pixels, and before that by CSS: the same look, antialiased a
  // little differently. Its markup is compared by the unit test.
  return page.screenshot({ mask: [page.getByTestId('status-filter')] });
}

/** How many pixels differ between two screenshots of the same size. */
async function differingPixels(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a, b]) => {
      const load = async (b64: string) => createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      const read = (img: ImageBitmap) => {
        const canvas = new OffscreenCanvas(img.width, img.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      if (ia.width !== ib.width || ia.height !== ib.height) return -1;
      const [da, db] = [read(ia), read(ib)];
      let n = 0;
      for (let i = 0; i < da.length; i += 4) {
        if (da[i] !== db[i] || da[i + 1] !== db[i + 1] || da[i + 2] !== db[i + 2]) n++;
      }
      return n;
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

const cases = [
  { name: 'light', scheme: 'light', boot: () => bootData() },
  { name: 'dark', scheme: 'dark', boot: () => bootData() },
  // A workspace whose keys all came with the boot data: the whole table, sortable.
  { name: 'whole list', scheme: 'light', boot: () => bootData(8, 8) },
  // Columns hidden from the Columns menu: both leave them out, and the rest widen alike.
  { name: 'hidden columns', scheme: 'light', boot: () => bootData(), hidden: ['id', 'role', 'enabled'] },
] as const;

for (const c of cases) {
  test(`the first screen looks like the app's first render (${c.name})`, async ({ browser }) => {
    const boot = c.boot();
    const context = await browser.newContext({ colorScheme: c.scheme });
    if ('hidden' in c) await context.addInitScript((hidden) => localStorage.setItem('keydesk-hidden-columns', JSON.stringify(hidden)), c.hidden);
    const firstPage = await context.newPage();
    const first = await open(firstPage, boot, false);
    const appPage = await context.newPage();
    const app = await open(appPage, boot, true);
    for (const p of [firstPage, appPage]) {
      await expect(p.getByRole('columnheader', { name: 'Key ID' })).toHaveCount(0);
      // Chosen, the columns the user left; else those that fit 1280 px.
      await expect(p.getByRole('columnheader', { name: 'Created' })).toHaveCount('hidden' in c ? 1 : 0);
      await expect(p.getByRole('columnheader', { name: 'Profile' })).toHaveCount(1);
    }
    mkdirSync('test-results/screenshots', { recursive: true });
    const file = c.name.replace(' ', '-');
    writeFileSync(`test-results/screenshots/first-screen-${file}.png`, first);
    writeFileSync(`test-results/screenshots/first-screen-${file}-app.png`, app);
    const page = await context.newPage();
    expect(await differingPixels(page, first, app)).toBe(0);
    await context.close();
  });
}

test('a first screen whose app cannot load says so and offers a reload', async ({ page }) => {
  await page.route('**/boot.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: `window.__KEYDESK_BOOT__ = ${JSON.stringify(bootData())};` }),
  );
  await page.route(/\/assets\/main-[^/]*\.js$/, (route) => route.abort());
  await page.goto('/');
  const alert = page.getByTestId('start-failed');
  await expect(alert).toContainText('Keydesk could not load its window');
  await expect(page.locator('[inert]')).toHaveCount(0);
  await page.unrouteAll();
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('workspace-title')).toBeVisible();
});

test('without boot data the app paints on its own', async ({ page }) => {
  await page.route('**/boot.js', (route) => route.fulfill({ contentType: 'text/javascript', body: 'window.__KEYDESK_BOOT__ = null;' }));
  await page.goto('/');
  await expect(page.getByTestId('workspace-title')).toBeVisible();
  await expect(page.locator('[inert]')).toHaveCount(0);
});
