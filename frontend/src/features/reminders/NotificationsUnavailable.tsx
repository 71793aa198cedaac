import { Alert } from '@mantine/core'
import { IconBellOff } from '@tabler/icons-react'
import { en } from '../../i18n/en'
import { useNotificationStatus } from './useReminders'

/** Says so when this system shows no desktop notifications; nothing otherwise. */
export function NotificationsUnavailable() {
  const { data } = useNotificationStatus()
  if (!data?.unavailable) return null
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconBellOff size={18} />}
      title={en.reminders.notificationsUnavailableTitle}
      data-testid="notifications-unavailable"
    >
      {en.reminders.notificationsUnavailable}
    </Alert>
  )
}
