import { expect, test, type Page } from '@playwright/test';
import { issued, lowContrastTexts, shot } from './helpers';

const row = (page: Page, name: string) => page.getByTestId('key-row').filter({ hasText: name }).first();

test('one-click key test: a good key, a disabled key, a pasted garbage key', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('create-key-button').click();
  await page.getByTestId('key-name-input').fill('tested key');
  await page.getByTestId('create-key-submit').click();
  issued(await page.getByTestId('secret-input').inputValue());
  await page.getByTestId('remember-checkbox').check();
  await page.getByTestId('secret-done').click();

  // Remembered in the keychain: one click tests it.
  await row(page, 'tested key').getByTestId('key-menu').click();
  await page.getByTestId('key-menu-test').click();
  const dialog = page.getByTestId('keytest-dialog');
  await expect(dialog.getByTestId('keytest-status')).toContainText('200');
  await expect(dialog.getByTestId('keytest-time')).toContainText(/\d+\s*ms/);
  await expect(dialog.getByTestId('keytest-preview')).toContainText('"keyId"');
  await expect(dialog.getByTestId('keytest-curl')).toContainText('curl');
  await expect(dialog.getByTestId('keytest-curl')).toContainText('…');
  await shot(page, 'keytest-dialog');
  await page.keyboard.press('Escape');

  // Disabled: the same test now answers 401.
  await row(page, 'tested key').getByTestId('key-menu').click();
  await page.getByTestId('key-menu-toggle').click();
  await expect(row(page, 'tested key').getByTestId('key-status')).toHaveText(/inactive/i);
  await row(page, 'tested key').getByTestId('key-menu').click();
  await page.getByTestId('key-menu-test').click();
  await expect(page.getByTestId('keytest-dialog').getByTestId('keytest-status')).toContainText('401');
  await expect(page.getByTestId('keytest-history-item')).toHaveCount(2);
  await page.keyboard.press('Escape');

  // Any pasted key: garbage gets 401 too.
  await page.getByTestId('test-key-button').click();
  await page.getByTestId('keytest-secret-input').fill('kd_this-is-not-a-key');
  await page.getByTestId('keytest-run').click();
  await expect(page.getByTestId('keytest-dialog').getByTestId('keytest-status')).toContainText('401');
});

// A key is not "expiring" the moment it is made (its lead times are longer
// than its life): the reminder here is the end of a rotation's overlap.
test('a rotation whose overlap ends within a day raises a reminder; snoozed, it is gone', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('create-key-button').click();
  await page.getByTestId('key-name-input').fill('rotated soon');
  await page.getByTestId('create-key-submit').click();
  issued(await page.getByTestId('secret-input').inputValue());
  await page.getByTestId('secret-done').click();
  // Made to live 30 days (the default): no reminder yet.
  await expect(row(page, 'rotated soon')).toBeVisible();
  await expect(page.getByTestId('reminders-count')).toHaveCount(0);

  await row(page, 'rotated soon').getByTestId('key-menu').click();
  await page.getByTestId('key-menu-rotate').click();
  await page.getByTestId('rotate-overlap-input').fill('1');
  await page.getByTestId('rotate-submit').click();
  issued(await page.getByTestId('secret-input').inputValue());
  await page.getByTestId('secret-done').click();

  await expect(page.getByTestId('reminders-count')).toBeVisible();
  await page.getByTestId('reminders-button').click();
  const item = page.getByTestId('reminder-item').filter({ hasText: 'rotated soon' });
  await expect(item).toBeVisible();
  await shot(page, 'reminders');
  await item.getByTestId('reminder-snooze-day').click();
  await expect(page.getByTestId('reminder-item').filter({ hasText: 'rotated soon' })).toHaveCount(0);
});

// Dismiss all: every reminder the center listed, after asking, through the real backend.
test('Dismiss all hides every reminder listed, after asking', async ({ page }) => {
  await page.goto('/');
  for (const name of ['overlap one', 'overlap two']) {
    await page.getByTestId('create-key-button').click();
    await page.getByTestId('key-name-input').fill(name);
    await page.getByTestId('create-key-submit').click();
    issued(await page.getByTestId('secret-input').inputValue());
    await page.getByTestId('secret-done').click();
    await row(page, name).getByTestId('key-menu').click();
    await page.getByTestId('key-menu-rotate').click();
    await page.getByTestId('rotate-overlap-input').fill('1');
    await page.getByTestId('rotate-submit').click();
    issued(await page.getByTestId('secret-input').inputValue());
    await page.getByTestId('secret-done').click();
  }

  await page.getByTestId('reminders-button').click();
  for (const name of ['overlap one', 'overlap two']) {
    await expect(page.getByTestId('reminder-item').filter({ hasText: name })).toBeVisible();
  }
  const listed = await page.getByTestId('reminder-item').count();
  await expect(page.getByTestId('reminders-summary')).toHaveText(`${listed} reminders, most urgent first`);
  await page.getByTestId('reminders-dismiss-all').click();
  const confirm = page.getByTestId('reminders-dismiss-all-confirm');
  await expect(confirm).toContainText(`Dismiss all ${listed} reminders?`);
  expect(await lowContrastTexts(page)).toEqual([]);
  await confirm.getByTestId('reminders-dismiss-all-submit').click();

  await expect(page.getByText(`Dismissed ${listed} reminders`)).toBeVisible();
  await expect(page.getByTestId('reminders-empty')).toBeVisible();
  await expect(page.getByTestId('reminders-count')).toHaveCount(0);
  // Still dismissed after a reload: the backend keeps them so.
  await page.reload();
  await expect(row(page, 'overlap one')).toBeVisible();
  await expect(page.getByTestId('reminders-count')).toHaveCount(0);
});

test('closing Settings with reminder settings not saved asks in full view, below the title', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('key-row').first()).toBeVisible();
  await page.getByTestId('settings-button').click();
  const unused = page.getByTestId('reminder-kind-unused');
  await unused.scrollIntoViewIfNeeded();
  const was = await unused.isChecked();
  // On the switch's input itself, wherever the dialog's opening has it.
  await unused.dispatchEvent('click');
  // Changed, and so not saved yet: what closing must ask about.
  await expect(unused).toBeChecked({ checked: !was });
  await page.keyboard.press('Escape');
  const alert = page.getByTestId('settings-unsaved');
  await expect(alert).toBeVisible();
  await expect(page.getByTestId('settings-keep-editing')).toBeFocused();
  const title = (await page.locator('.mantine-Modal-header').boundingBox())!;
  await expect.poll(async () => (await alert.boundingBox())!.y).toBeGreaterThanOrEqual(title.y + title.height);
  // The dialog is at its top: the alert is its first line.
  await expect.poll(() => page.locator('.mantine-Modal-content').evaluate((e) => e.scrollTop)).toBe(0);
  // Put back as it was.
  await page.getByTestId('settings-discard').click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
