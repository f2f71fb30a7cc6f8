/** Tenants: the list to choose from, switching (kept in the address), a new one, a reset. */
import { control } from './api.js'
import { $, draw, note } from './dom.js'
import { refresh } from './refresh.js'
import { S, tenant } from './state.js'
import type { Actions, Tenant } from './types.js'

export async function loadTenants(): Promise<void> {
  S.tenants = (await control<{ tenants?: Tenant[] }>('GET', '/sandbox/tenants')).tenants || []
  if (!S.key) S.key = tenant()?.client_key || ''
  draw(
    'tenant',
    <>
      {S.tenants.map((t) => (
        <option value={t.client_key} selected={t.client_key === S.key}>
          {`${t.client_key}${t.is_default ? '（默认）' : ''} · ${t.account_name}`}
        </option>
      ))}
    </>,
  )
}

export async function switchTenant(key: string): Promise<void> {
  S.key = key
  S.shown = {}
  S.till = null
  const q = new URLSearchParams(location.search)
  q.set('client_key', key)
  history.replaceState(null, '', location.pathname + '?' + q + location.hash)
  await loadTenants()
  await refresh()
}

export const tenantActions: Actions = {
  newTenant: async () => {
    const frozen = $<HTMLInputElement>('new-frozen').checked
    const d = await control<{ client_key?: string }>(
      'POST',
      '/sandbox/tenants',
      frozen ? { frozen_at: '2022-06-01T00:00:00+08:00' } : {},
    )
    if (note('新建租户 ' + (d.client_key || ''), d) && d.client_key) await switchTenant(d.client_key)
  },
  reset: async () => note('重置租户', await control('POST', '/sandbox/reset')),
}
