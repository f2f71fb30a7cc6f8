// ESLint (flat config): typescript-eslint's recommended rules plus the rules that encode this project's conventions.
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
        if (!/^[a-z0-9]+(?:[.-][a-z0-9]+)*\.(?:tsx?|mjs|js)$/.test(name))
          context.report({ node, messageId: 'name', data: { name } })
      },
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
    plugins: { project: { rules: { 'file-names': fileNames } } },
    rules: {
      'project/file-names': 'error',
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
    files: ['src/**/*.service.ts', 'src/**/*.store.ts', 'src/**/*.rules.ts'],
    rules: {
      // domain code never sees HTTP
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['hono', 'hono/*', '@hono/*'], message: 'services and stores do not import HTTP code' }],
        },
      ],
    },
  },
  {
    files: ['src/**/*.routes.ts'],
    rules: {
      // handlers parse, call one service and render: stores are the services' business
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/*.store.js', '**/store/*.js'], message: 'routes reach state through services' }] },
      ],
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
