import { Alert, Button, Text } from '@mantine/core'
import { en } from '../i18n/en'
import { errorMessage } from '../lib/errors'

interface LoadFailedProps {
  title: string
  error: unknown
  onRetry: () => void
}

/** A list or view that could not be read, with why and a Retry button. */
export function LoadFailed({ title, error, onRetry }: LoadFailedProps) {
  return (
    <Alert color="red" variant="light" m="md" title={title}>
      <Text size="sm">{errorMessage(error)}</Text>
      <Button size="xs" variant="light" color="red" mt="xs" onClick={onRetry}>
        {en.workspaces.retry}
      </Button>
    </Alert>
  )
}
