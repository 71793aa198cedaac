import { Alert, Button, Text, type MantineSpacing } from '@mantine/core'
import { toApiError } from '../api'
import { en } from '../i18n/en'
import { errorMessage } from '../lib/errors'

interface LoadFailedProps {
  title: string
  error: unknown
  onRetry: () => void
  /** Room around it: a panel's body by default, none inside a section. */
  m?: MantineSpacing | 0
}

/** A list or view that could not be read, with why and a Retry button. */
export function LoadFailed({ title, error, onRetry, m = 'md' }: LoadFailedProps) {
  // The backend words a timeout for a change whose answer was lost; a read changed nothing.
  const message = toApiError(error).code === 'timeout' ? en.serverRead.timeout : errorMessage(error)
  return (
    <Alert color="red" variant="light" m={m} title={title} data-testid="load-failed">
      <Text size="sm">{message}</Text>
      <Button size="xs" variant="light" color="red" mt="xs" onClick={onRetry} data-testid="load-failed-retry">
        {en.workspaces.retry}
      </Button>
    </Alert>
  )
}
