import { expect, test, type Page } from '@playwright/test';
import { SECRET, issued, shot, verify } from './helpers';

async function createKey(page: Page, name: string, remember = false): Promise<string> {
  await page.getByTestId('create-key-button').click();
  await page.getByTestId('key-name-input').fill(name);
  await page.getByTestId('create-key-submit').click();
  const secret = issued(await page.getByTestId('secret-input').inputValue());
  expect(secret).toMatch(SECRET);
  if (remember) await page.getByTestId('remember-checkbox').check();
  await page.getByTestId('secret-done').click();
  await expect(page.getByTestId('secret-input')).toHaveCount(0);
  return secret;
}

// The newest row of that name (rotation leaves two: the successor is newer).
const row = (page: Page, name: string) => page.getByTestId('key-row').filter({ hasText: name }).first();

async function menu(page: Page, name: string, item: string) {
  await row(page, name).getByTestId('key-menu').click();
  await page.getByTestId(item).click();
}

test('enable and disable, regenerate, rotate, clean up, details', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('workspace-title')).toHaveText('Local');

  // Disable from the row's menu: a disabled key stops verifying at once.
  const secret = await createKey(page, 'switch me', true);
  await expect(row(page, 'switch me').getByTestId('key-status')).toHaveText(/active/i);
  await menu(page, 'switch me', 'key-menu-toggle');
  await expect(row(page, 'switch me').getByTestId('key-status')).toHaveText(/inactive/i);
  expect((await verify(secret)).reason).toBe('disabled');
  // Enable with the Enabled column's switch (the window is too narrow for it until it is chosen).
  await expect(row(page, 'switch me').getByTestId('key-enabled-switch')).toHaveCount(0);
  await page.getByTestId('columns-menu').click();
  await page.getByTestId('column-toggle-enabled').click();
  await page.keyboard.press('Escape');
  await row(page, 'switch me').getByTestId('key-enabled-switch').dispatchEvent('click');
  await expect(row(page, 'switch me').getByTestId('key-status')).toHaveText(/active/i);
  expect((await verify(secret)).valid).toBe(true);

  // Regenerate: same key id, new secret; the old one is dead at once.
  await menu(page, 'switch me', 'key-menu-regenerate');
  await shot(page, 'regenerate-dialog');
  await page.getByTestId('regenerate-submit').click();
  const regenerated = issued(await page.getByTestId('secret-input').inputValue());
  expect(regenerated).not.toBe(secret);
  await page.getByTestId('secret-done').click();
  expect((await verify(secret)).valid).toBe(false);
  expect((await verify(regenerated)).valid).toBe(true);
  // Its details say when it got this secret.
  await menu(page, 'switch me', 'key-menu-details');
  await expect(page.getByTestId('key-drawer')).toContainText(/Secret regenerated.*\(just now\)/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('key-drawer')).toHaveCount(0);

  // Rotate with a 3-day overlap: both work, the old key says it is rotating.
  await menu(page, 'switch me', 'key-menu-rotate');
  await page.getByTestId('rotate-overlap-input').fill('3');
  await expect(page.getByRole('dialog')).toContainText(/keeps working until/i);
  await shot(page, 'rotate-dialog');
  await page.getByTestId('rotate-submit').click();
  const successor = issued(await page.getByTestId('secret-input').inputValue());
  await page.getByTestId('secret-done').click();
  expect((await verify(regenerated)).valid).toBe(true);
  expect((await verify(successor)).valid).toBe(true);
  await expect(page.getByTestId('key-row').filter({ hasText: 'switch me' })).toHaveCount(2);
  await expect(page.getByText(/rotating/i).first()).toBeVisible();
  // Disabling the new key asks first: once the overlap ends, no key of the rotation would work.
  await menu(page, 'switch me', 'key-menu-toggle');
  await expect(page.getByTestId('disable-successor-warning')).toContainText(/the old key “switch me” \(.+\) stops working on/);
  await shot(page, 'disable-successor-dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await verify(successor)).valid).toBe(true);

  // Edit: rename with the keyboard alone (Enter submits).
  await menu(page, 'switch me', 'key-menu-edit');
  const editName = page.getByTestId('edit-name-input');
  await expect(editName).toBeFocused();
  await editName.fill('renamed key');
  await editName.press('Enter');
  await expect(row(page, 'renamed key')).toBeVisible();
  await shot(page, 'edit-dialog-done');

  // Clean up: appears once a revoked key exists; deletes it for good.
  const doomed = await createKey(page, 'revoke me');
  await menu(page, 'revoke me', 'key-menu-toggle');
  await expect(row(page, 'revoke me').getByTestId('key-status')).toHaveText(/inactive/i);
  await page.getByTestId('cleanup-button').click();
  await expect(page.getByTestId('cleanup-revoked')).toBeEnabled();
  // Other specs share the data dir and may have left disabled keys too.
  await expect(page.getByTestId('cleanup-revoked-names')).toContainText('“revoke me”');
  await shot(page, 'cleanup-dialog');
  await page.getByTestId('cleanup-revoked').check();
  await page.getByTestId('cleanup-submit').click();
  await expect(row(page, 'revoke me')).toHaveCount(0);
  expect((await verify(doomed)).reason).toBe('not_found');

  // Details: history from the audit log.
  await menu(page, 'renamed key', 'key-menu-details');
  const drawer = page.getByTestId('key-drawer');
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(/rotat/i);
  await shot(page, 'key-details');
  // A dialog opened from the details shows above them, though it was first
  // mounted before them (the edit above): its Save button takes the click.
  await drawer.getByTestId('key-drawer-edit').click();
  await page.getByTestId('edit-name-input').fill('renamed twice');
  await page.getByTestId('edit-submit').click({ timeout: 5_000 });
  await expect(page.getByTestId('edit-name-input')).toHaveCount(0);
  await expect(drawer).toContainText('renamed twice');
  await page.keyboard.press('Escape');

  await shot(page, 'keys-table-lifecycle');
  expect(await page.content()).not.toContain(successor);
});
