// TanStack Query keys. Keys of one workspace share a prefix so they can be
// invalidated together.
export const queryKeys = {
  workspaces: ['workspaces'] as const,
  keys: (workspaceId: string) => ['workspaces', workspaceId, 'keys'] as const,
}
