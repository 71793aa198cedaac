import { Box, Tooltip } from '@mantine/core'
import { en } from '../../i18n/en'

export function StatusDot({ online }: { online: boolean }) {
  const label = online ? en.workspaces.online : en.workspaces.offline
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
          backgroundColor: online ? 'var(--mantine-color-green-6)' : 'var(--mantine-color-gray-5)',
        }}
      />
    </Tooltip>
  )
}
