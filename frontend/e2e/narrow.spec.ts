import { expect, test, type Page } from '@playwright/test';
import { bootData, serveBoot } from './boot';
import { shot } from './helpers';

// The desktop window may be as small as 900×600 (main.go). At 900 px the
// workspace header, the panel header and the key filters wrap onto more rows,
// and the key table's card no longer fits under them: the page scrolls down to
// the card's end (the table's horizontal scrollbar and the key count). The
// table shows the columns that fit; with all of them chosen it scrolls
// sideways to its last column.

const SIZES = [
  { width: 900, height: 600 },
  { width: 900, height: 700 },
];

/**
 * Scrolls the page down as a user would: the wheel over the workspace's
 * title, not over the table (the first screen's cover takes the pointer, so
 * no hover()).
 */
async function scrollPageToEnd(page: Page) {
  const title = (await page.getByTestId('workspace-title').boundingBox())!;
  await page.mouse.move(title.x + 10, title.y + title.height / 2);
  await page.mouse.wheel(0, 2000);
  await expect
    .poll(() => page.evaluate(() => Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight))
    .toBe(true);
}

/** The key count and the whole rows scroller (its horizontal scrollbar is its bottom edge) are on screen, not clipped. */
async function expectCardEndVisible(page: Page) {
  await expect(page.getByTestId('key-count')).toBeVisible();
  await expect(page.getByTestId('key-count')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('keys-scroller')).toBeInViewport({ ratio: 1 });
  // A few rows show, and the header row above them.
  const height = await page.getByTestId('keys-scroller').evaluate((e) => e.clientHeight);
  expect(height).toBeGreaterThanOrEqual(4 * 41);
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height} the key table's end and its last column can be scrolled to`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await expect(page.getByTestId('key-row').first()).toBeVisible();
    // React's screen, not the first screen it replaces.
    await expect(page.locator('[inert]')).toHaveCount(0);

    await scrollPageToEnd(page);
    await expectCardEndVisible(page);
    await expect(page.getByTestId('key-count')).toHaveText(/\d+ keys?/);

    // The columns that fit: the name, the status and the expiry, nothing to scroll sideways to.
    const scroller = page.getByTestId('keys-scroller');
    const headings = await page.getByRole('columnheader').allTextContents();
    expect(headings.map((h) => h.trim())).toEqual(['Name', 'Status', 'Expires', 'Actions']);
    expect(await scroller.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);

    // All of them: the wheel over the table brings the last columns in.
    await page.getByTestId('columns-menu').click();
    await page.getByTestId('columns-show-all').click();
    await page.keyboard.press('Escape');
    // Gone, not fading out over the table: the wheel below would go to it.
    await expect(page.getByTestId('columns-menu-dropdown')).toHaveCount(0);
    const lastColumn = page.getByRole('columnheader', { name: /^created/i });
    await expect(lastColumn).not.toBeInViewport({ ratio: 1 });
    await scroller.hover();
    await page.mouse.wheel(2000, 0);
    await expect(lastColumn).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('key-row').first().getByRole('cell').nth(-2)).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('key-row').first().getByTestId('key-menu')).toBeInViewport({ ratio: 1 });
    // The horizontal scrollbar stayed on screen while it did.
    await expect(scroller).toBeInViewport({ ratio: 1 });
    await shot(page, `narrow-${size.width}x${size.height}`);

    // Scrolled sideways, a filter that matches nothing says so in view.
    await page.getByTestId('key-filter-input').fill('no key is called this');
    await expect(page.getByTestId('keys-no-match')).toBeVisible();
    expect(await scroller.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    const text = (await page.getByTestId('keys-no-match').getByText(/^No key matches/).boundingBox())!;
    const view = (await scroller.boundingBox())!;
    expect(text.x).toBeGreaterThanOrEqual(view.x);
    expect(text.x + text.width).toBeLessThanOrEqual(view.x + view.width);
  });
}

// A hundred rows, from boot data, with the app's later calls held back: the
// card takes a few rows' height, not every row's, both on the first screen
// (before React) and in the app.
for (const app of [false, true]) {
  test(`at 900×600 a hundred rows stay inside the table's scroller (${app ? 'the app' : 'the first screen'})`, async ({ page }) => {
    await page.setViewportSize({ width: 900, height: 600 });
    await serveBoot(page, bootData(), app);
    await page.goto('/');
    await expect(page.getByTestId('key-row').first()).toBeVisible();
    await expect(page.locator('[inert]')).toHaveCount(app ? 0 : 1);

    // The page is taller than the window by the card's shortfall, not by a hundred rows.
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(pageHeight).toBeGreaterThan(600);
    expect(pageHeight).toBeLessThan(1000);
    await scrollPageToEnd(page);
    await expectCardEndVisible(page);
    await expect(page.getByTestId('key-count')).toHaveText('The newest 100 of 250 keys · loading the rest…');
    const rows = await page.getByTestId('keys-scroller').evaluate((e) => e.scrollHeight > e.clientHeight);
    expect(rows).toBe(true);
  });
}

test('a header reached with Tab is scrolled clear of the sticky columns, not under them', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('keydesk-hidden-columns', '[]'));
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto('/');
  await expect(page.getByTestId('key-row').first()).toBeVisible();
  await expect(page.locator('[inert]')).toHaveCount(0);
  const scroller = (await page.getByTestId('keys-scroller').boundingBox())!;
  for (const name of ['Enabled', 'Role', 'Profile', 'Key ID']) {
    const button = page.getByRole('columnheader', { name, exact: true }).getByRole('button');
    // Focus moves to the header with Tab from the one before it.
    await button.evaluate((b) => (b.closest('th')!.previousElementSibling!.querySelector('button') as HTMLElement).focus());
    await page.keyboard.press('Tab');
    await expect(button).toBeFocused();
    const box = (await button.boundingBox())!;
    // Right of the name column, left of the menu column (48 px).
    expect(box.x + box.width).toBeLessThanOrEqual(scroller.x + scroller.width - 48 + 0.5);
  }
});

test('at 1024×700 and 1280×820, with the keychain notice above it, only the table scrolls, not the page', async ({ page }) => {
  for (const size of [{ width: 1024, height: 700 }, { width: 1280, height: 820 }]) {
    await page.setViewportSize(size);
    await page.goto('/');
    await expect(page.getByTestId('key-row').first()).toBeVisible();
    await expect(page.locator('[inert]')).toHaveCount(0);
    // The e2e backend keeps secrets in memory: the notice says so.
    await expect(page.getByTestId('startup-notice')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollHeight), `${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
    await expect(page.getByTestId('key-count')).toBeInViewport({ ratio: 1 });
  }
});

test('the keyboard moves the focus row by row through a long table, never losing it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 820 });
  await serveBoot(page, bootData(100, 100), true); // the whole table comes with the boot data
  await page.goto('/');
  await expect(page.getByTestId('key-row').first()).toBeVisible();
  await expect(page.locator('[inert]')).toHaveCount(0);
  const focusedIndex = () => page.evaluate(() => (document.activeElement as HTMLElement).dataset.index ?? document.activeElement!.tagName);
  const expectFocused = async (index: number) => {
    await expect.poll(focusedIndex).toBe(String(index));
    await expect(page.locator(`tr[data-index="${index}"]`)).toBeInViewport({ ratio: 1 });
  };

  await page.locator('tr[data-index="0"]').focus();
  await page.keyboard.press('ArrowDown');
  await expectFocused(1);
  await page.keyboard.press('End');
  await expectFocused(99);
  await page.keyboard.press('ArrowUp');
  await expectFocused(98);
  await page.keyboard.press('PageUp');
  await expect.poll(async () => Number(await focusedIndex())).toBeLessThan(98 - 5);
  await expectFocused(Number(await focusedIndex()));
  await page.keyboard.press('PageDown');
  await expectFocused(98);
  await page.keyboard.press('Home');
  await expectFocused(0);
  // The header row stays above the focused row, not over it.
  const header = (await page.getByRole('columnheader').first().boundingBox())!;
  const first = (await page.locator('tr[data-index="0"]').boundingBox())!;
  expect(first.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
});
