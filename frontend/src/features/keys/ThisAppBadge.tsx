import { Badge, Tooltip } from '@mantine/core'
import { en } from '../../i18n/en'

/** Marks the key Keydesk itself uses to reach the workspace. */
export function ThisAppBadge() {
  return (
    <Tooltip label={en.keys.thisAppHint} multiline maw={280}>
      <Badge size="sm" variant="outline" color="indigo" radius="sm" style={{ flexShrink: 0 }} data-testid="this-app-badge">
        {en.keys.thisApp}
      </Badge>
    </Tooltip>
  )
}
