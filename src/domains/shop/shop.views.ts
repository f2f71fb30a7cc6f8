/**
 * Read side of stores: the tenant's POIs (fixtures or POST /sandbox/tenants). Address and coordinates are not
 * part of the fixtures; the sandbox derives them from the poi_id so they are stable.
 */
import type { Tenant } from '../../tenants/tenant.js'

function placeOf(poiId: string) {
  const n = Number(poiId.slice(-4)) || 0
  return {
    address: `北京市朝阳区沙盒路${n}号`,
    latitude: Math.round((39.9 + n / 100000) * 1e6) / 1e6,
    longitude: Math.round((116.4 + n / 100000) * 1e6) / 1e6,
  }
}

export function queryPois(
  t: Tenant,
  q: { account_id?: string | undefined; poi_id?: string | undefined; page: number; size: number },
) {
  const { page, size } = q // the contract checks page, size and that account_id or poi_id is given
  const all = t.record.pois.filter((p) => Boolean(q.account_id) || p.poi_id === q.poi_id)
  const items = all.slice((page - 1) * size, page * size)
  return {
    pois: items.map((p) => ({
      poi: { poi_id: p.poi_id, poi_name: p.poi_name, ...placeOf(p.poi_id) },
      root_account: { account_id: t.record.account_id, account_name: t.record.account_name },
    })),
    total: all.length,
  }
}
