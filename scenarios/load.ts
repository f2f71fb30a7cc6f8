/**
 * Scenarios written by users, outside the repository: an ES module (`.mjs`/`.js`; `.ts` too when run through
 * tsx) whose default export — or `scenario` / `scenarios` export — is a scenario or a list of them:
 * `{ name, description, run(ctx) }`, the same shape as the built-in ones.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Scenario } from './lib/scenario.js'

/** Whether a command-line argument names a file rather than a built-in scenario. */
export const isScenarioFile = (arg: string): boolean => /[\\/]/.test(arg) || /\.(m?js|cjs|m?ts)$/.test(arg)

function problem(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return 'is not an object'
  const s = x as Record<string, unknown>
  if (typeof s.name !== 'string' || s.name === '') return 'has no name (a non-empty string)'
  if (typeof s.description !== 'string') return `${s.name} has no description (a string)`
  if (typeof s.run !== 'function') return `${s.name} has no run(ctx) function`
  return undefined
}

/** The scenarios a file exports; throws an Error that names the file and what is wrong. */
export async function loadScenarioFile(arg: string): Promise<Scenario[]> {
  const path = resolve(arg)
  if (!existsSync(path)) throw new Error(`scenario file ${path} does not exist`)
  let mod: Record<string, unknown>
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>
  } catch (e) {
    const hint = /\.m?ts$/.test(path)
      ? ' (a .ts file needs tsx: npx tsx node_modules/.bin/douyin-sandbox …, or compile it)'
      : ''
    throw new Error(`cannot load scenario file ${path}: ${(e as Error).message}${hint}`, { cause: e })
  }
  const exported = mod.default ?? mod.scenarios ?? mod.scenario
  const list = Array.isArray(exported) ? exported : [exported]
  if (exported === undefined) throw new Error(`${path} exports no scenario (export default { name, description, run })`)
  for (const s of list) {
    const p = problem(s)
    if (p) throw new Error(`${path}: an exported scenario ${p}`)
  }
  return list as Scenario[]
}
