import * as OverviewAPI from '../../wailsjs/go/app/OverviewAPI'
import { call } from './errors'
import type { Overview } from './types'

/** The dashboard of one workspace, or of every workspace for workspaceId "". */
export function getOverview(workspaceId: string): Promise<Overview> {
  return call(async () => {
    const o = await OverviewAPI.Get(workspaceId)
    // Go marshals a nil slice as null.
    return { counts: o.counts, expiring: o.expiring ?? [], stalest: o.stalest ?? [], workspaces: o.workspaces ?? [] }
  })
}
