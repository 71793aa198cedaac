import { Alert } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'

interface FormErrorProps {
  title?: string
  message: string | null | undefined
  'data-testid'?: string
}

/** A failed request that no single field caused, shown above the dialog's buttons. */
export function FormError({ title, message, ...props }: FormErrorProps) {
  if (!message) return null
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title} role="alert" {...props}>
      {message}
    </Alert>
  )
}
