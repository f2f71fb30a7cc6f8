/** The control plane's collections: per tenant, and in the shared namespace (src/sandbox.ts merges them into the maps). */
import type { StoredFault } from './faults.js'
import type { SnapshotRecord } from './snapshots.service.js'

export interface AdminCollections {
  /** "rules" → the fault rules */
  faults: { rules: StoredFault[] }
}

export interface AdminSysCollections {
  /** `${client_key}/${name}` → a saved tenant */
  snapshots: SnapshotRecord
}
