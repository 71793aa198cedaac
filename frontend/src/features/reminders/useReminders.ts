import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { dismissReminder, listReminders, snoozeReminder } from '../../api'
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
