/** Whether navigator.platform is Apple's, whose shortcuts use ⌘ (the search box's hint). */
export function isMacPlatform(platform: string): boolean {
  return /Mac|iPhone|iPad/.test(platform)
}
