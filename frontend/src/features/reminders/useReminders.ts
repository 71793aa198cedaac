import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  dismissReminder,
  dismissReminders,
  getNotificationStatus,
  getReminderSettings,
  listReminders,
  setReminderSettings,
  snoozeReminder,
  type ReminderSettings,
} from '../../api'
import { queryKeys } from '../../app/queryKeys'

/** The due reminders; refetched on reminder:new, keys:changed and sync:done (useBackendEvents). */
export function useReminders() {
  return useQuery({ queryKey: queryKeys.reminders, queryFn: listReminders })
}

export function useSnoozeReminder() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, hours }: { id: number; hours: number }) => snoozeReminder(id, hours),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.reminders }),
  })
}

export function useDismissReminder() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: number) => dismissReminder(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.reminders }),
  })
}

/** Dismiss all: the ids are the reminders the center showed, so one that came meanwhile stays. */
export function useDismissReminders() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (ids: number[]) => dismissReminders(ids),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.reminders }),
  })
}

export function useReminderSettings() {
  return useQuery({ queryKey: queryKeys.reminderSettings, queryFn: getReminderSettings, staleTime: 5 * 60_000 })
}

export function useSaveReminderSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (settings: ReminderSettings) => setReminderSettings(settings),
    onSuccess: (saved) => {
      queryClient.setQueryData<ReminderSettings>(queryKeys.reminderSettings, saved)
      // The backend scans again under the new settings.
      void queryClient.invalidateQueries({ queryKey: queryKeys.reminders })
    },
  })
}

/**
 * Whether desktop notifications can be shown. Asked again each time it is
 * shown (the reminder center, the reminder settings) and on the events that
 * refetch the reminders: a scan tries the notifications.
 */
export function useNotificationStatus() {
  return useQuery({ queryKey: queryKeys.notificationStatus, queryFn: getNotificationStatus, staleTime: 0 })
}
