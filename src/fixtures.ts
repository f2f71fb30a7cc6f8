/**
 * Loads the deterministic seed data in `fixtures/` and checks each file against its schema.
 * Read when a sandbox is created, never at import time.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { packageFile } from './core/package-files.js'

export const poiSchema = z.object({ poi_id: z.string().regex(/^\d+$/), poi_name: z.string() })

export const tenantFixtureSchema = z.object({
  client_key: z.string().min(1),
  client_secret: z.string().min(1),
  account_id: z.string().regex(/^\d+$/),
  account_name: z.string(),
  pois: z.array(poiSchema).min(1),
  /** tenant settings the fixture tenant starts with (src/tenants/settings.ts) */
  settings: z.record(z.string(), z.unknown()).default({}),
})

export const categorySchema = z.object({
  category_id: z.number().int(),
  parent_id: z.number().int(),
  name: z.string(),
  level: z.number().int().min(1).max(3),
  is_leaf: z.boolean(),
  enable: z.boolean(),
})

export const templateAttrSchema = z.object({
  key: z.string(),
  name: z.string(),
  desc: z.string(),
  is_required: z.boolean(),
  is_multi: z.boolean(),
  value_type: z.string(),
  value_demo: z.string(),
})

export const templateSchema = z.object({
  product_type: z.number().int(),
  name: z.string(),
  product_attrs: z.array(templateAttrSchema),
  sku_attrs: z.array(templateAttrSchema),
  notes: z.array(z.string()).optional(),
})

const fixturesSchema = {
  tenants: z.object({ default_tenant: tenantFixtureSchema }),
  categories: z.object({ categories: z.array(categorySchema) }),
  templates: z.object({ templates: z.array(templateSchema) }),
}

export type TenantFixture = z.infer<typeof tenantFixtureSchema>
export type Category = z.infer<typeof categorySchema>
export type Template = z.infer<typeof templateSchema>

/** Reads and validates `fixtures/<name>.json`. */
export function loadFixture<K extends keyof typeof fixturesSchema>(name: K): z.infer<(typeof fixturesSchema)[K]> {
  const url = packageFile(`fixtures/${name}.json`)
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'))
  // read once per start: zod's compiled fast path would cost more to build than it saves here
  const r = fixturesSchema[name].safeParse(parsed, { jitless: true })
  if (!r.success) throw new Error(`fixture ${url.pathname} is invalid: ${r.error.message}`)
  return r.data as z.infer<(typeof fixturesSchema)[K]>
}

/** All fixtures a sandbox needs, loaded once per createSandbox. */
export function loadFixtures(): { defaultTenant: TenantFixture; categories: Category[]; templates: Template[] } {
  return {
    defaultTenant: loadFixture('tenants').default_tenant,
    categories: loadFixture('categories').categories,
    templates: loadFixture('templates').templates,
  }
}

export type Fixtures = ReturnType<typeof loadFixtures>
