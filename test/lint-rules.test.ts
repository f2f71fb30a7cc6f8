/** The project's conventions are ESLint rules (eslint.config.js): each one catches what it is meant to. */
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname })

async function rulesHit(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

describe('convention rules', () => {
  it('reads the system time and randomness only in src/core', async () => {
    const code = 'export const at = () => Date.now() + Math.random()\nexport const d = () => new Date()\n'
    expect(await rulesHit(code, 'src/domains/goods/goods.service.ts')).toEqual([
      'no-restricted-properties',
      'no-restricted-properties',
      'no-restricted-syntax',
    ])
    expect(await rulesHit(code, 'src/core/clock.ts')).toEqual([])
  })

  it('keeps request limits in the contracts', async () => {
    const limit =
      "import { invalidParams } from '../../core/errors.js'\nexport const f = (n: number) => {\n  if (n > 100) throw invalidParams('page_size')\n}\n"
    expect(await rulesHit(limit, 'src/domains/trade/trade.routes.ts')).toEqual(['no-restricted-syntax'])
    expect(await rulesHit('export const d = () => new Date()\n', 'src/domains/trade/trade.routes.ts')).toEqual([
      'no-restricted-syntax',
    ])
  })

  it('lets imports run only down the layers, from any file of a folder, whatever its name', async () => {
    const up = "import { buildApp } from '../../app.js'\nexport const b = buildApp\n"
    expect(await rulesHit(up, 'src/domains/fulfilment/issue.ts')).toEqual(['project/import-direction'])
    expect(await rulesHit(up, 'src/domains/fulfilment/cancel.ts')).toEqual(['project/import-direction'])
    // beside is not below: a domain does not import the SPI, the store does not import the tenants
    const beside = "import { SpiClient } from '../../spi/spi.client.js'\nexport const s = SpiClient\n"
    expect(await rulesHit(beside, 'src/domains/goods/combo.ts')).toEqual(['project/import-direction'])
    const check =
      "import { tenantRegistryProblem } from '../tenants/tenants.check.js'\nexport const c = tenantRegistryProblem\n"
    expect(await rulesHit(check, 'src/store/file-store.ts')).toEqual(['project/import-direction'])
    // a dynamic import counts too
    const lazy = "export const run = () => import('../../scenarios/runner.js')\n"
    expect(await rulesHit(lazy, 'src/admin/scenario-runs.ts')).toEqual(['project/import-direction'])
    // downward and inside the folder are fine
    const down =
      "import type { Tenant } from '../../tenants/tenant.js'\nimport { split } from './amount-split.js'\nexport const f = (t: Tenant) => split(t.nextSeq('x'), [1])\n"
    expect(await rulesHit(down, 'src/domains/fulfilment/issue.ts')).toEqual([])
  })

  it('keeps HTTP out of every domain file but routes and contracts, and stores out of routes', async () => {
    const hono = "import { Hono } from 'hono'\nexport const h = Hono\n"
    for (const file of [
      'src/domains/goods/goods.service.ts',
      'src/domains/fulfilment/cancel.ts',
      'src/spi/spi.store.ts',
    ])
      expect(await rulesHit(hono, file)).toEqual(['project/import-direction'])
    const env = "import type { TenantEnv } from '../../http/env.js'\nexport type E = TenantEnv\n"
    expect(await rulesHit(env, 'src/domains/goods/combo.ts')).toEqual(['project/import-direction'])
    expect(await rulesHit(env, 'src/domains/goods/goods.routes.ts')).toEqual([])
    const routes = "import { goodsData } from './goods.store.js'\nexport const g = goodsData\n"
    expect(await rulesHit(routes, 'src/domains/goods/goods.routes.ts')).toEqual(['project/import-direction'])
  })

  it('names files in kebab-case and keeps source files under 300 lines', async () => {
    expect(await rulesHit('export const a = 1\n', 'src/domains/goods/GoodsService.ts')).toEqual(['project/file-names'])
    const long = Array.from({ length: 301 }, (_, i) => `export const a${i} = ${i}`).join('\n')
    expect(await rulesHit(long, 'src/domains/goods/goods.views.ts')).toEqual(['max-lines'])
  })
})
