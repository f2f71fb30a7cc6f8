/**
 * The console's browser code (browser/*.ts, type-checked and linted with the rest) as the one script the page
 * carries: esbuild bundles it with hono/jsx and the QR encoder into a classic script. `npm run build` writes the
 * bundle next to this module's compiled file (and next to the bundled command and the CommonJS kit); from the
 * sources (tsx, vitest) esbuild, a development dependency, bundles it on first use instead.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { BuildOptions } from 'esbuild'

/** The bundle's file name, beside the module that reads it. */
export const CONSOLE_BUNDLE = 'console.browser.js'

/** How the browser code is bundled: the same from the sources and in `npm run build` (scripts/build.mjs). */
export const BUNDLE_OPTIONS = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'utf8',
  // qrcode-generator's notice is a line comment, which esbuild does not keep: its copyright, by hand
  banner: { js: '/*! qrcode-generator, Copyright (c) 2009 Kazuhiko Arase, MIT license */' },
  logLevel: 'warning',
} satisfies BuildOptions

/** Bundles the browser code from `entry` (the sources' browser/main.ts) with esbuild. */
export function bundleConsole(entry = fileURLToPath(new URL('./browser/main.ts', import.meta.url))): string {
  if (!existsSync(entry))
    throw new Error(`the console's browser code is neither built (${CONSOLE_BUNDLE}) nor in the sources (${entry})`)
  // required on use, not imported: esbuild is a development dependency, absent where the package is installed
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild')
  const out = esbuild.buildSync({ ...BUNDLE_OPTIONS, entryPoints: [entry], write: false })
  return out.outputFiles[0]!.text
}

let bundled: string | undefined

/** The browser code: the built bundle beside this module, else bundled from the sources now (once a process). */
export function consoleScript(): string {
  const built = new URL(`./${CONSOLE_BUNDLE}`, import.meta.url)
  bundled ??= existsSync(built) ? readFileSync(built, 'utf8') : bundleConsole()
  return bundled
}
