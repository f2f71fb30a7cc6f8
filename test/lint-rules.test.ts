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

  it('keeps HTTP out of services and stores out of routes', async () => {
    expect(
      await rulesHit("import { Hono } from 'hono'\nexport const h = Hono\n", 'src/domains/goods/goods.service.ts'),
    ).toEqual(['no-restricted-imports'])
    const routes = "import { goodsData } from './goods.store.js'\nexport const g = goodsData\n"
    expect(await rulesHit(routes, 'src/domains/goods/goods.routes.ts')).toEqual(['no-restricted-imports'])
    const limit =
      "import { invalidParams } from '../../core/errors.js'\nexport const f = (n: number) => {\n  if (n > 100) throw invalidParams('page_size')\n}\n"
    expect(await rulesHit(limit, 'src/domains/trade/trade.routes.ts')).toEqual(['no-restricted-syntax'])
    expect(await rulesHit('export const d = () => new Date()\n', 'src/domains/trade/trade.routes.ts')).toEqual([
      'no-restricted-syntax',
    ])
  })

  it('names files in kebab-case and keeps source files under 300 lines', async () => {
    expect(await rulesHit('export const a = 1\n', 'src/domains/goods/GoodsService.ts')).toEqual(['project/file-names'])
    const long = Array.from({ length: 301 }, (_, i) => `export const a${i} = ${i}`).join('\n')
    expect(await rulesHit(long, 'src/domains/goods/goods.views.ts')).toEqual(['max-lines'])
  })
})
