// An esbuild plugin shared by the build (scripts/build.mjs) and the start-up bench (bench/startup.ts).
import { dirname } from 'node:path'

/**
 * zod's `locales` namespace (its error messages in ≈ 50 languages, a third of zod's size) is kept by any bundle
 * that uses the `z` namespace; the sandbox answers in English only, so the bundles get English alone.
 */
export const englishOnlyZod = {
  name: 'english-only-zod',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /node_modules\/zod\//.test(args.importer) ? { path: args.importer, namespace: 'zod-locales' } : undefined,
    )
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js'",
      resolveDir: dirname(args.path),
    }))
  },
}
