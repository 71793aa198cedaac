import { expect, test, type Locator, type Page } from '@playwright/test';
import { issued, shot } from './helpers';

const count = async (page: Page, status: string) =>
  Number((await page.getByTestId(`overview-count-${status}`).getByTestId('overview-count-value').innerText()).replace(/,/g, ''));

/** How many active keys the chart says expire in the next 13 weeks. */
const expiringSoon = async (page: Page) => {
  const summary = await page.getByTestId('overview-expiring-summary').innerText();
  return summary.startsWith('No ') ? 0 : Number(summary.replace(/,/g, '').match(/^\d+/)![0]);
};

/** A screenshot for the README, once the notifications are gone. */
async function cleanShot(page: Page, name: string) {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 15_000 });
  await shot(page, name);
}

async function createProfile(page: Page, name: string, fill: (dialog: Locator) => Promise<void>) {
  await page.getByTestId('create-profile-button').click();
  const dialog = page.getByRole('dialog', { name: 'Create profile' });
  await dialog.getByTestId('profile-name-input').fill(name);
  await fill(dialog);
  await dialog.getByTestId('profile-submit').click();
  await expect(dialog).toHaveCount(0);
}

test('a profile’s default expiry, deleting it while in use, and the overview', async ({ page }) => {
  // One story through three views and five dialogs: more than the default minute on a busy machine.
  test.slow();
  await page.goto('/');
  // The key table stays the start view; the overview is one click away.
  await expect(page.getByTestId('workspace-title')).toHaveText('Local');
  await expect(page.getByTestId('tab-keys')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('tab-overview').click();
  await expect(page.getByTestId('overview-count-total')).toBeVisible();
  const before = { total: await count(page, 'total'), active: await count(page, 'active'), soon: await expiringSoon(page) };

  // A profile whose keys expire after 45 days by default, and a plain one.
  await page.getByTestId('tab-profiles').click();
  await createProfile(page, 'E2E Payments', async (dialog) => {
    await dialog.getByTestId('profile-description-input').fill('Keys of the payments service');
    await dialog.getByText('Expires after').click();
    await dialog.getByTestId('profile-expiry-days').fill('45');
    await dialog.getByText('Rotate every').click();
    await shot(page, 'profile-form');
    await dialog.getByTestId('profile-prefix-input').fill('pay');
    await dialog.getByText('Custom endpoint').click();
    await dialog.getByTestId('profile-test-url').fill('{server}/v1/whoami');
    await dialog.getByTestId('profile-metadata-input').fill('{"team": "payments"}');
    await shot(page, 'profile-form-endpoint');
  });
  await createProfile(page, 'E2E Internal tools', async (dialog) => {
    await dialog.getByTestId('profile-description-input').fill('Scripts and cron jobs on the build servers');
  });
  const profileRow = page.getByTestId('profile-row').filter({ hasText: 'E2E Payments' });
  await expect(profileRow).toContainText('45 days');
  await expect(profileRow).toContainText('pay_');
  await expect(profileRow).toContainText('Every 90 days');
  await expect(profileRow).toContainText('{server}/v1/whoami');

  // A key of that profile, keeping the profile's expiry.
  await page.getByTestId('tab-keys').click();
  await page.getByTestId('create-key-button').click();
  await page.getByTestId('key-name-input').fill('E2E payments key');
  await page.getByTestId('key-profile-select').click();
  await page.getByRole('option', { name: 'E2E Payments' }).click();
  await expect(page.getByTestId('key-expiry-select')).toHaveValue('Profile’s default (45 days)');
  await page.getByTestId('create-key-submit').click();
  const secret = issued(await page.getByTestId('secret-input').inputValue());
  expect(secret).toMatch(/^pay_/);
  await page.getByTestId('secret-done').click();
  const keyRow = page.getByTestId('key-row').filter({ hasText: 'E2E payments key' });
  await expect(keyRow).toContainText('E2E Payments');
  await expect(keyRow).toContainText(/in 4[45] days/);

  // The profile counts its key; the Profiles view as the README shows it.
  await page.getByTestId('tab-profiles').click();
  await expect(profileRow.getByTestId('profile-key-count')).toHaveText('1');
  await cleanShot(page, 'profiles');

  // Deleting it asks what to do with that key: keep it, without a profile.
  await profileRow.getByTestId('profile-delete').click();
  const confirm = page.getByRole('dialog', { name: 'Delete profile' });
  await expect(confirm).toContainText('“E2E Payments” is used by 1 key. What should happen to it?');
  await expect(confirm.getByLabel('Keep the key, without a profile')).toBeChecked();
  await expect(confirm.getByText('Delete the key too')).toBeVisible();
  await shot(page, 'delete-profile-dialog');
  await confirm.getByTestId('confirm-delete-profile').click();
  await expect(profileRow).toHaveCount(0);
  await expect(page.getByTestId('profile-row').filter({ hasText: 'E2E Internal tools' })).toHaveCount(1);

  await page.getByTestId('tab-keys').click();
  await expect(keyRow).toHaveCount(1);
  await expect(keyRow).not.toContainText('E2E Payments');

  // The key takes the other profile from the table's Edit dialog.
  await keyRow.getByTestId('key-menu').click();
  await page.getByTestId('key-menu-edit').click();
  await page.getByTestId('edit-profile-select').click();
  await expect(page.getByRole('option', { name: 'E2E Payments' })).toHaveCount(0);
  await page.getByRole('option', { name: 'E2E Internal tools' }).click();
  await page.getByTestId('edit-submit').click();
  await expect(keyRow).toContainText('E2E Internal tools');
  await page.getByTestId('tab-profiles').click();
  await expect(
    page.getByTestId('profile-row').filter({ hasText: 'E2E Internal tools' }).getByTestId('profile-key-count'),
  ).toHaveText('1');

  // The overview counts the key, and the chart shows it expiring within 90 days.
  await page.getByTestId('tab-overview').click();
  await expect.poll(() => count(page, 'total')).toBe(before.total + 1);
  expect(await count(page, 'active')).toBe(before.active + 1);
  expect(await expiringSoon(page)).toBe(before.soon + 1);
  // A week with keys draws a bar; the empty weeks draw none.
  await expect(page.getByTestId('overview-expiring').locator('path.recharts-rectangle').first()).toBeVisible();

  // The same for every workspace, from the sidebar.
  await page.getByTestId('nav-overview').click();
  await expect(page.getByTestId('overview-title')).toHaveText('All workspaces');
  await expect(page.getByTestId('overview-workspace-row').filter({ hasText: 'Local' })).toBeVisible();
  expect(await count(page, 'total')).toBeGreaterThanOrEqual(before.total + 1);
  await cleanShot(page, 'overview');
});
