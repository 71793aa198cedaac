import { expect, test } from '@playwright/test';
import { RemoteServer, lowContrastTexts, shot } from './helpers';

test('a remote workspace: add, sync, go offline with the cache readable, come back', async ({ page }) => {
  const remote = new RemoteServer(34190);
  await remote.start();
  await remote.createKey('billing export');
  const member = await remote.createKey('a member of Team', 'member');

  await page.goto('/');
  await page.getByTestId('add-workspace-button').click();
  await page.getByTestId('workspace-url-input').fill(remote.url);
  await page.getByTestId('workspace-key-input').fill(remote.adminKey);
  await page.getByTestId('workspace-test-button').click();
  await expect(page.getByText('Team', { exact: false }).last()).toBeVisible();
  await shot(page, 'add-workspace-dialog');
  await page.getByTestId('workspace-save-button').click();

  const item = page.getByTestId('workspace-item').filter({ hasText: 'Team' });
  await expect(item).toBeVisible();
  await item.click();
  await expect(page.getByTestId('workspace-title')).toHaveText('Team');
  await expect(page.getByTestId('key-row').filter({ hasText: 'billing export' })).toBeVisible();

  // The server goes away: the cached keys stay, the banner says since when.
  await remote.stop();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('offline-banner')).toContainText(/offline since/i);
  await expect(page.getByTestId('key-row').filter({ hasText: 'billing export' })).toBeVisible();
  await shot(page, 'offline');
  // The banner's title and text, the disabled buttons' reasons aside: readable (WCAG AA).
  expect(await lowContrastTexts(page)).toEqual([]);

  // It comes back: the next sync brings the workspace back online.
  await remote.start();
  await remote.createKey('added while we were away');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
  await expect(page.getByTestId('key-row').filter({ hasText: 'added while we were away' })).toBeVisible();

  // Edit connection: the stored key tests as it is; a member key over it is asked about first.
  await page.getByRole('button', { name: 'Actions for Team' }).click();
  await page.getByTestId('workspace-menu-edit').click();
  await page.getByTestId('workspace-test-button').click();
  await expect(page.getByTestId('workspace-test-access')).toHaveText('Can manage keys');
  await page.getByTestId('workspace-key-input').fill(member.secret);
  await page.getByTestId('workspace-save-button').click();
  await expect(page.getByTestId('workspace-downgrade-warning')).toContainText('replaces the admin key Keydesk keeps for “Team”');
  await expect(page.getByTestId('workspace-save-button')).toHaveText('Save as read-only');
  // The dialog is taller than the window: its answer is scrolled to.
  await expect(page.getByTestId('workspace-save-button')).toBeInViewport();
  await shot(page, 'workspace-downgrade');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('create-key-button')).toBeEnabled();
  await remote.stop();

  // The same workspace under another name for the server is refused: it is there already.
  const readers = remote.createWorkspace('Readers');
  await remote.start();
  await page.getByTestId('add-workspace-button').click();
  await page.getByTestId('workspace-url-input').fill(remote.url.replace('127.0.0.1', 'localhost'));
  await page.getByTestId('workspace-key-input').fill(member.secret);
  await page.getByTestId('workspace-test-button').click();
  await expect(page.getByText('Server URL and access key lead to a workspace Keydesk has already: “Team”', { exact: false })).toBeVisible();

  // A member key sees the keys but no management action.
  const reader = await remote.createKey('read-only desk', 'member', readers);
  await page.getByTestId('workspace-key-input').fill(reader.secret);
  await page.getByTestId('workspace-save-button').click();
  const memberItem = page.getByTestId('workspace-item').filter({ hasText: 'Readers' });
  await memberItem.click();
  await expect(page.getByTestId('create-key-button')).toBeDisabled();
  await remote.stop();
});

test('plain http to another host is refused unless allowed', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('add-workspace-button').click();
  await page.getByTestId('workspace-url-input').fill('http://keys.example.com');
  await page.getByTestId('workspace-key-input').fill('kd_0000000000000000000000000000000000000000000000000');
  await page.getByTestId('workspace-test-button').click();
  await expect(page.getByText(/plain http:\/\//)).toBeVisible();
  await expect(page.getByTestId('workspace-url-input')).toHaveValue('http://keys.example.com');
});
