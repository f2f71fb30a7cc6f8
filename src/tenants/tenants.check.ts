/**
 * Checks the stored tenant registry (`sys/tenants`) when a data file is opened: every tenant's key names its
 * namespace and seeds its random stream, so a record of the wrong shape must stop start-up with a clear
 * message rather than fail later with a stack trace.
 */
import type { LiveState } from '../store/live-state.js'
import { SYS_NS } from './tenants.store.js'

type Check = (v: unknown) => boolean
const str: Check = (v) => typeof v === 'string'
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v)
const poi: Check = (v) =>
  typeof v === 'object' &&
  v !== null &&
  str((v as Record<string, unknown>).poi_id) &&
  str((v as Record<string, unknown>).poi_name)

/** field → check and what it must be */
const FIELDS: Array<[string, Check, string]> = [
  ['client_key', str, 'a string'],
  ['client_secret', str, 'a string'],
  ['account_id', str, 'a string'],
  ['account_name', str, 'a string'],
  ['pois', (v) => Array.isArray(v) && v.every(poi), 'an array of { poi_id, poi_name } strings'],
  ['is_default', (v) => typeof v === 'boolean', 'true or false'],
  ['seed', str, 'a string'],
  ['start_frozen_at_ms', (v) => v === null || num(v), 'a number or null'],
  ['create_time', num, 'a number'],
]

const describe = (v: unknown): string =>
  v === undefined ? 'missing' : `${JSON.stringify(v)} (${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v})`

/** The first problem of the tenant registry, naming the record and the field, or undefined. */
export function tenantRegistryProblem(state: LiveState): string | undefined {
  const tenants = state.namespaces.get(SYS_NS)?.get('tenants')
  if (!tenants) return undefined
  for (const [key, rec] of tenants) {
    for (const [field, ok, must] of FIELDS) {
      if (!ok(rec[field]))
        return `tenant record ${SYS_NS}/tenants/${key}: field ${field} must be ${must}, but is ${describe(rec[field])}`
    }
    if (rec.client_key !== key)
      return `tenant record ${SYS_NS}/tenants/${key}: field client_key is ${JSON.stringify(rec.client_key)}, not the record's key`
  }
  return undefined
}
