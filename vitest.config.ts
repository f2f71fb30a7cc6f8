import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // one worker per core, not vitest's default of one fewer: on a 2-core machine that default is a single worker,
    // and the suites that mostly wait (the conformance checks, npm installs, child processes) then hold up the rest
    maxWorkers: '100%',
    // each worker process runs its test files one after the other with the modules it has loaded, instead of
    // loading the sources again for every file (≈ a third of the suite's CPU); the sandbox keeps no state in its
    // modules (createSandbox builds everything), and the tests restore the timers and spies they replace
    isolate: false,
    testTimeout: 20_000,
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
})
