import { expect, test, type Locator, type Page } from '@playwright/test';
import { issued, lowContrastTexts } from './helpers';

// Every dialog and drawer a user opens reads at 4.5:1 or more (WCAG AA),
// light and dark, as the key page does (keys.spec.ts).

const dialog = (page: Page) => page.getByRole('dialog');

/** Opens the ⋯ menu of the app's own key, or of a key made for it, and picks an item. */
async function fromRowMenu(page: Page, item: string, newKey?: string) {
  let row = page.getByTestId('key-row').filter({ has: page.getByTestId('this-app-badge') });
  if (newKey) {
    await page.getByTestId('create-key-button').click();
    await page.getByTestId('key-name-input').fill(newKey);
    await page.getByTestId('create-key-submit').click();
    issued(await page.getByTestId('secret-input').inputValue());
    await page.getByTestId('secret-done').click();
    row = page.getByTestId('key-row').filter({ hasText: newKey });
  }
  await row.getByTestId('key-menu').click();
  await page.getByTestId(item).click();
}

const surfaces: {
  name: string;
  open: (page: Page) => Promise<void>;
  shown?: (page: Page) => Locator;
  /** What the pointer rests on; by default nothing (a hovered row is tinted: not the resting state). */
  hover?: (page: Page) => Locator;
}[] = [
  { name: 'Settings', open: (page) => page.getByTestId('settings-button').click() },
  { name: 'Test API key', open: (page) => page.getByTestId('test-key-button').click() },
  { name: 'Reminders', open: (page) => page.getByTestId('reminders-button').click() },
  { name: 'Audit log', open: (page) => page.getByTestId('audit-button').click() },
  // A row under the pointer turns grey; its dimmed text still reads.
  {
    name: 'Audit log, a row under the pointer',
    open: (page) => page.getByTestId('audit-button').click(),
    hover: (page) => page.getByTestId('audit-row').first(),
  },
  {
    name: 'The key table, a row under the pointer',
    open: async () => {},
    shown: (page) => page.getByTestId('key-row').first(),
    hover: (page) => page.getByTestId('key-row').first(),
  },
  { name: 'Add workspace', open: (page) => page.getByRole('button', { name: /add workspace/i }).click() },
  {
    name: 'Create profile',
    open: async (page) => {
      await page.getByTestId('tab-profiles').click();
      await page.getByTestId('create-profile-button').click();
    },
  },
  { name: 'Overview', open: (page) => page.getByTestId('tab-overview').click(), shown: (page) => page.getByTestId('overview-expiring-summary') },
  // The app's own key: its test runs with the access key Keydesk keeps.
  { name: 'A key test’s result', open: (page) => fromRowMenu(page, 'key-menu-test'), shown: (page) => page.getByTestId('keytest-status') },
  { name: 'Rotate', open: (page) => fromRowMenu(page, 'key-menu-rotate', `contrast rotate ${Date.now()}`) },
  { name: 'Delete', open: (page) => fromRowMenu(page, 'delete-key', `contrast delete ${Date.now()}`) },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const surface of surfaces) {
    test(`${surface.name} reads at 4.5:1 or more (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto('/');
      await expect(page.getByTestId('key-row').first()).toBeVisible();
      await expect(page.locator('[inert]')).toHaveCount(0);
      await surface.open(page);
      await expect((surface.shown ?? dialog)(page)).toBeVisible();
      // The dialog or drawer in place (its transition over), its data loaded,
      // and the pointer where the surface says.
      if (surface.hover) await surface.hover(page).hover();
      else await page.mouse.move(1, 1);
      await page.waitForTimeout(600);
      expect(await lowContrastTexts(page)).toEqual([]);
    });
  }
}
