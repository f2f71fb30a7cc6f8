// ESLint (flat config): typescript-eslint's recommended rules plus the rules that encode this project's conventions.
import { dirname, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** File names are kebab-case, with dots between role parts: `goods.contract.ts`, `refund-spi.ts`. */
const fileNames = {
  meta: {
    type: 'suggestion',
    schema: [],
    messages: { name: 'file name "{{name}}" is not kebab-case (e.g. goods.service.ts, refund-spi.ts)' },
  },
  create(context) {
    const name = context.filename.split(/[\\/]/).pop() ?? ''
    return {
      Program(node) {
        if (!/^[a-z0-9]+(?:[.-][a-z0-9]+)*\.(?:tsx?|mts|mjs|js)$/.test(name))
          context.report({ node, messageId: 'name', data: { name } })
      },
    }
  },
}

/**
 * The layers of the code, from the ground up: a file imports only from layers below its own (never from one
 * beside or above it), and anything inside its own folder. The same order as CONTRIBUTING.md "Layout".
 */
const LAYERS = [
  ['src/core/'],
  ['src/config.ts', 'src/fixtures.ts', 'src/store/'],
  ['src/log.ts', 'src/tenants/'],
  ['src/http/'],
  ['src/webhooks/'],
  ['src/domains/'],
  ['src/spi/', 'src/admin/', 'src/check/'],
  ['src/docs/', 'src/client/'],
  ['src/app.ts'],
  ['src/sandbox.ts'],
  ['src/server.ts'],
  ['src/testing/'],
  ['scenarios/'],
  ['src/cli/'],
  ['src/cli.ts', 'src/main.ts', 'src/index.ts'],
]
/** Code below the routes (services, stores, rules, views, every file of a domain but its routes and contracts) never sees HTTP. */
const HTTP_FREE = /^src\/(?:core|store|tenants|webhooks|spi|domains)\/(?!.*\.(?:routes|contract)\.ts$)/
const HTTP_PACKAGES = /^(?:hono(?:\/.*)?|@hono\/node-server)$/
const HTTP_MODULES = /^src\/http\/(?:env|envelope|render|auth|access|body|edge|php-arrays|validation|json-int64)\.ts$/
const ROOT = fileURLToPath(new URL('.', import.meta.url))

/** The folder (or top-level file) a project path stands in, with its layer's number. */
function placeOf(path) {
  let best
  LAYERS.forEach((members, level) => {
    for (const m of members)
      if ((m.endsWith('/') ? path.startsWith(m) : path === m) && (!best || m.length > best.unit.length))
        best = { unit: m, level }
  })
  return best
}

/** One rule for the direction of imports: down the layers, HTTP only in routes and contracts, state through services. */
const importDirection = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      upward: '{{from}} may not import {{to}}: imports run down the layers (LAYERS in eslint.config.js)',
      http: '{{from}} is below the routes and may not import {{to}}: only routes and contracts see HTTP',
      state: '{{from}} may not import {{to}}: routes reach state through services',
    },
  },
  create(context) {
    const from = relative(ROOT, context.filename).split(sep).join('/')
    const here = placeOf(from)
    if (!here || from.endsWith('.test.ts')) return {}
    const check = (node, spec) => {
      if (typeof spec !== 'string') return
      const report = (messageId, to) => context.report({ node, messageId, data: { from, to } })
      if (!spec.startsWith('.')) {
        if (HTTP_FREE.test(from) && HTTP_PACKAGES.test(spec)) report('http', spec)
        return
      }
      const to = relative(ROOT, resolve(dirname(context.filename), spec))
        .split(sep)
        .join('/')
        .replace(/\.js$/, '.ts')
      const there = placeOf(to)
      if (there && there.unit !== here.unit && there.level >= here.level) report('upward', to)
      else if (HTTP_FREE.test(from) && HTTP_MODULES.test(to)) report('http', to)
      else if (from.endsWith('.routes.ts') && (to.endsWith('.store.ts') || to.startsWith('src/store/')))
        report('state', to)
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    }
  },
}

const NO_SYSTEM_DATE = {
  selector: "NewExpression[callee.name='Date'][arguments.length=0]",
  message: 'new Date() reads the system clock: use the tenant clock',
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.douyin-sandbox/', 'data/', 'vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { project: { rules: { 'file-names': fileNames, 'import-direction': importDirection } } },
    rules: {
      'project/file-names': 'error',
      'project/import-direction': 'error',
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // scripts run by node: its globals
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    // test and benchmark helpers may take loosely typed JSON answers
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/**', 'src/**/*.test.ts'],
    rules: {
      // one source of time and one of randomness: the virtual clock and the seeded generator in src/core
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'use the tenant clock (t.clock) or realTime from src/core' },
        { object: 'Math', property: 'random', message: 'use the seeded generator (src/core/random.ts)' },
      ],
      'no-restricted-syntax': ['error', NO_SYSTEM_DATE],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    files: ['src/**/*.routes.ts'],
    rules: {
      // request limits belong in the zod contract, where the OpenAPI document shows them
      'no-restricted-syntax': [
        'error',
        NO_SYSTEM_DATE, // a later no-restricted-syntax replaces the earlier one for these files: keep it
        {
          selector: "CallExpression[callee.name='invalidParams']",
          message: 'check request limits in the zod contract (src/http/query.ts has the query-number rules)',
        },
      ],
    },
  },
  {
    files: ['src/**/*.tsx'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // the demo console's browser code (bundled for the page by src/admin/console/script.ts): no Node modules or
    // globals (tsc sees Node's types everywhere), nothing of the server's code
    files: ['src/admin/console/browser/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'global', '__dirname', '__filename'],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'browser code: no Node modules' },
            { group: ['../*'], message: 'browser code imports only browser/ and packages' },
          ],
        },
      ],
    },
  },
)
