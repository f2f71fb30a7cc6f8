#!/usr/bin/env node
// `npm run build`: dist/ from scratch —
//  - dist/src/: tsc's ES modules and type declarations (the library entry points' `import` condition);
//  - dist/bin/: the `douyin-sandbox` command as one ES-module bundle with its dependencies (split at dynamic
//    imports), since loading one file starts ≈ 2× faster than resolving and linking the hundreds of modules
//    of dist/src and node_modules (bench/startup.ts measures it);
//  - dist/cjs/index.cjs: the client and testing kit as one self-contained CommonJS bundle (the `require`
//    condition of ".", "./client" and "./testing"), for CommonJS projects and Jest, whose require cannot load
//    ES modules;
//  - console.browser.js beside the module that serves it in each of the three (dist/src/admin/console/, dist/bin/,
//    dist/cjs/): the demo console's browser code (src/admin/console/browser/) bundled into the page's one script.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { englishOnlyZod } from './english-only-zod.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
process.chdir(ROOT)
rmSync('dist', { recursive: true, force: true })
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [englishOnlyZod],
}

await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bin',
  format: 'esm',
  splitting: true,
  // faker is required on first use (src/core/faker.ts) from the installed package; bundled CommonJS modules
  // that call require() get Node's
  external: ['@faker-js/faker'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
})

/** Swaps the on-first-use faker loader for the static import, which a CommonJS bundle can hold. */
const staticFaker = {
  name: 'static-faker',
  setup(b) {
    b.onResolve({ filter: /\/faker\.js$/ }, (args) =>
      args.importer.includes('/src/core/') ? { path: `${ROOT}src/core/faker.static.ts` } : undefined,
    )
  },
}
await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  outfile: 'dist/cjs/index.cjs',
  format: 'cjs',
  keepNames: true,
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [englishOnlyZod, staticFaker],
})
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n')

// the console's browser code, bundled as the sources bundle it (the options come from the module just compiled)
const { BUNDLE_OPTIONS, CONSOLE_BUNDLE } = await import('../dist/src/admin/console/script.js')
const browser = await build({ ...BUNDLE_OPTIONS, entryPoints: ['src/admin/console/browser/main.ts'], write: false })
for (const dir of ['dist/src/admin/console', 'dist/bin', 'dist/cjs']) {
  mkdirSync(dir, { recursive: true })
  writeFileSync(`${dir}/${CONSOLE_BUNDLE}`, browser.outputFiles[0].text)
}
