/** Files shipped with the package (package.json, fixtures/), found from src/ in a checkout or dist/src/ once built. */
import { existsSync } from 'node:fs'

/** The URL of `relative` (e.g. "fixtures/") in the package root. */
export function packageFile(relative: string): URL {
  for (const up of ['../../', '../../../']) {
    const url = new URL(up + relative, import.meta.url)
    if (existsSync(new URL(`${up}package.json`, import.meta.url)) && existsSync(url)) return url
  }
  throw new Error(`douyin-sandbox: ${relative} is missing from the package (looked beside src/ and dist/src/)`)
}
