import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // one worker per core, not vitest's default of one fewer: on a 2-core machine that default is a single worker,
    // and the suites that mostly wait (the conformance checks, npm installs, child processes) then hold up the rest
    maxWorkers: '100%',
    testTimeout: 20_000,
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
