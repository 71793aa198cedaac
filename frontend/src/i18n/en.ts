// Every string a user reads, in one place. Error codes from the backend map to
// messages in `errors`.
import type { ApiErrorCode, KeyRole, KeyStatus } from '../api'

export const en = {
  appName: 'Keydesk',
  colorScheme: {
    toggle: 'Toggle light and dark theme',
  },

  workspaces: {
    navTitle: 'Workspaces',
    loading: 'Loading workspaces…',
    none: 'No workspaces yet.',
    loadFailed: 'Couldn’t load workspaces',
    retry: 'Retry',
    local: 'Local',
    localDescription: 'This computer',
    online: 'Online',
    offline: 'Offline',
    keyCount: (n: number) => (n === 1 ? '1 key' : `${n} keys`),
    role: { admin: 'Admin access', member: 'Read-only access' } as Record<string, string>,
    syncNow: 'Sync now',
    syncing: 'Syncing…',
    synced: 'Synced',
    syncFailed: 'Sync failed',
    lastSynced: (when: string) => `Last synced ${when}`,
    neverSynced: 'Not synced yet',
    offlineSince: (when: string) => `Offline since ${when}`,
    offlineHint: 'Showing the keys cached on this computer. Creating and deleting keys needs the server.',
    selectOne: 'Select a workspace to see its keys.',
  },

  keys: {
    title: 'API keys',
    subtitle: 'Keys let your services and scripts call this workspace’s Keydesk server.',
    createButton: 'Create API key',
    loading: 'Loading keys…',
    loadFailed: 'Couldn’t load keys',
    empty: {
      title: 'No API keys yet',
      description: 'Create a key for each service that needs access, so you can rotate or revoke one without touching the others.',
    },
    columns: {
      name: 'Name',
      id: 'Key ID',
      key: 'Key',
      status: 'Status',
      role: 'Role',
      created: 'Created',
      expires: 'Expires',
      lastUsed: 'Last used',
      actions: 'Actions',
    },
    sort: {
      ascending: 'sorted ascending',
      descending: 'sorted descending',
    },
    status: {
      active: 'Active',
      inactive: 'Inactive',
      expired: 'Expired',
    } satisfies Record<KeyStatus, string> as Record<string, string>,
    roles: {
      api: 'API',
      member: 'Member',
      admin: 'Admin',
    } satisfies Record<KeyRole, string> as Record<string, string>,
    roleDescriptions: {
      api: 'For your own services: can be verified, call whoami and rotate itself.',
      member: 'Read-only access to this workspace’s keys.',
      admin: 'Full access: can create, change and delete keys.',
    } satisfies Record<KeyRole, string>,
    never: 'never',
    expiredOn: (when: string) => `Expired ${when}`,
    deleteAction: 'Delete',
    deleteLabel: (name: string) => `Delete ${name}`,
    deleted: (name: string) => `Deleted “${name}”`,
    created: (name: string) => `Created “${name}”`,
  },

  createKey: {
    title: 'Create API key',
    nameLabel: 'Name',
    namePlaceholder: 'e.g. billing-service production',
    nameDescription: 'Something that tells you later where this key is used.',
    nameRequired: 'Enter a name for the key.',
    nameTooLong: 'The name can be at most 100 characters.',
    roleLabel: 'Role',
    expiresLabel: 'Expires',
    expiresIn: (days: number) => `In ${days} days`,
    expiresNever: 'Never',
    expiresNeverHint: 'A key that never expires stays valid until someone deletes it.',
    expiresOn: (date: string) => `On ${date}`,
    cancel: 'Cancel',
    submit: 'Create key',
    failed: 'Couldn’t create the key',
    // The "Save your API key" step
    savedTitle: 'Save your API key',
    warningTitle: 'Copy it now',
    warning: 'This key will not be shown again. Copy it now and store it safely.',
    secretLabel: 'Secret key',
    reveal: 'Show or hide the secret',
    copy: 'Copy',
    copied: 'Copied',
    done: 'Done',
  },

  deleteKey: {
    title: 'Delete API key',
    confirm: 'You are about to delete this key:',
    warning: 'Every application using this key stops working at once. This cannot be undone.',
    cancel: 'Cancel',
    submit: 'Delete',
    failed: 'Couldn’t delete the key',
  },

  time: {
    never: 'never',
    justNow: 'just now',
  },

  errors: {
    // Shown when the server's message is empty; otherwise its message is used,
    // because it already names the field and the rule.
    byCode: {
      invalid_input: 'Some of the input isn’t valid.',
      not_found: 'It doesn’t exist any more. It may have been deleted elsewhere.',
      forbidden: 'The workspace’s access key isn’t allowed to do that.',
      unauthorized: 'The server rejected this workspace’s access key. It may have expired or been deleted.',
      offline: 'This needs the Keydesk server, which can’t be reached right now. Try again when it is back online.',
      conflict: 'Someone changed this at the same time. Reload and try again.',
      internal: 'Something went wrong.',
    } satisfies Record<ApiErrorCode, string>,
  },
}
