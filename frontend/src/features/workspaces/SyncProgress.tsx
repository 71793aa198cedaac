import { Progress, Tooltip } from '@mantine/core'
import { en } from '../../i18n/en'
import { useSyncProgress } from './useSyncProgress'

/** A thin bar under the workspace header while a sync with a known size runs. */
export function SyncProgressBar({ workspaceId }: { workspaceId: string }) {
  const progress = useSyncProgress(workspaceId)
  if (!progress) return null
  const label = en.workspaces.syncProgress(progress.done, progress.total)
  return (
    <Tooltip label={label} position="bottom">
      <Progress
        value={(progress.done / progress.total) * 100}
        size={3}
        radius="xl"
        animated
        aria-label={label}
        data-testid="sync-progress"
        data-done={progress.done}
        data-total={progress.total}
      />
    </Tooltip>
  )
}
