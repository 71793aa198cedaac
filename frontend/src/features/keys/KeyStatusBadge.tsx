import { Badge } from '@mantine/core'
import { en } from '../../i18n/en'

const colors: Record<string, string> = {
  active: 'green',
  inactive: 'gray',
  expired: 'red',
}

export function KeyStatusBadge({ status }: { status: string }) {
  return (
    <Badge
      color={colors[status] ?? 'gray'}
      variant="light"
      radius="sm"
      miw="max-content"
      data-testid="key-status"
      data-status={status}
    >
      {en.keys.status[status] ?? status}
    </Badge>
  )
}
