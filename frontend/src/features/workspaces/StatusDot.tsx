import { Box, Tooltip } from '@mantine/core'
import type { Workspace } from '../../api'
import { workspaceHealth } from './health'

export function StatusDot({ workspace }: { workspace: Pick<Workspace, 'online' | 'syncProblem'> }) {
  const { label, color } = workspaceHealth(workspace)
  return (
    <Tooltip label={label}>
      <Box
        component="span"
        role="img"
        aria-label={label}
        w={8}
        h={8}
        style={{
          display: 'inline-block',
          flexShrink: 0,
          borderRadius: '50%',
          backgroundColor: color,
        }}
      />
    </Tooltip>
  )
}
