import * as KeyTestAPI from '../../wailsjs/go/app/KeyTestAPI'
import { call } from './errors'
import type { TestResult } from './types'

/**
 * Calls the workspace's server with a key and reports what came back. keyId ""
 * tests a pasted secret; secret "" uses the key's remembered one and rejects
 * with need_secret when there is none.
 */
export function runKeyTest(workspaceId: string, keyId: string, secret: string): Promise<TestResult> {
  return call(() => KeyTestAPI.Run(workspaceId, keyId, secret))
}

/** The cURL command of a key test; reveal puts the real secret in it. */
export function keyTestCurl(workspaceId: string, keyId: string, secret: string, reveal: boolean): Promise<string> {
  return call(() => KeyTestAPI.Curl(workspaceId, keyId, secret, reveal))
}

/** A key's last test results, newest first. */
export function keyTestHistory(workspaceId: string, keyId: string): Promise<TestResult[]> {
  return call(async () => (await KeyTestAPI.History(workspaceId, keyId)) ?? [])
}
