// TanStack Query keys. Everything of one workspace shares the prefix
// ['workspaces', id] so it can be invalidated together; the workspace list
// itself is ['workspaces'] and is invalidated with `exact: true`.
export const queryKeys = {
  workspaces: ['workspaces'] as const,
  workspace: (workspaceId: string) => ['workspaces', workspaceId] as const,
  keys: (workspaceId: string) => ['workspaces', workspaceId, 'keys'] as const,
  /** The top of the key table, painted while `keys` loads. */
  firstKeys: (workspaceId: string) => ['workspaces', workspaceId, 'firstKeys'] as const,
  profiles: (workspaceId: string) => ['workspaces', workspaceId, 'profiles'] as const,
  cleanupCounts: (workspaceId: string) => ['workspaces', workspaceId, 'cleanup'] as const,
  /** keyId "" is the whole workspace's log, action "" every action's. */
  audit: (workspaceId: string, keyId: string, action: string, pageIndex: number, pageSize: number) =>
    ['workspaces', workspaceId, 'audit', keyId, action, pageIndex, pageSize] as const,
  usage: (workspaceId: string, keyId: string) => ['workspaces', workspaceId, 'usage', keyId] as const,
  keyTestHistory: (workspaceId: string, keyId: string) => ['workspaces', workspaceId, 'keytest', keyId] as const,
  /** One workspace's dashboard lives with the workspace; "" is every workspace's. */
  overview: (workspaceId: string) =>
    workspaceId ? (['workspaces', workspaceId, 'overview'] as const) : (['overview'] as const),
  reminders: ['reminders'] as const,
  /** Under ['reminders']: a scan after each key change may have tried a notification. */
  notificationStatus: ['reminders', 'notifications'] as const,
  // Not under ['reminders'], which every key change invalidates: the settings don't change with keys.
  reminderSettings: ['reminderSettings'] as const,
  search: (query: string) => ['search', query] as const,
  settings: ['settings'] as const,
}
