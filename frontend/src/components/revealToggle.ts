/**
 * The eye of a PasswordInput: named, and reachable with Tab (Mantine leaves
 * it out of the tab order, so a keyboard user could not show what they typed).
 */
export function revealToggle(label: string, testId?: string): Record<string, unknown> {
  return { 'aria-label': label, tabIndex: 0, ...(testId ? { 'data-testid': testId } : {}) }
}
