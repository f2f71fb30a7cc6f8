/**
 * The language toolchains the examples under examples/ need, found on PATH: each answers what is missing (with
 * the Debian package that brings it, as .ci/toolchains.sh installs it) or null when it is usable.
 */
import { spawnSync } from 'node:child_process'

export interface Toolchain {
  /** folder under examples/ */
  name: 'java' | 'go' | 'python' | 'php'
  /** the command and arguments that run the example, from its folder */
  command: string
  args: string[]
  /** the apt packages that provide it */
  apt: string
  /** null when usable, else what is missing */
  missing: () => string | null
}

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 })
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` }
}

export const TOOLCHAINS: Toolchain[] = [
  {
    name: 'java',
    command: 'java',
    args: ['Main.java'],
    apt: 'openjdk-17-jdk-headless',
    missing() {
      const v = run('java', ['-version'])
      if (!v.ok) return 'java (17 or later) is not on PATH'
      const major = Number(/version "(\d+)/.exec(v.out)?.[1] ?? 0)
      if (major < 17) return `java is version ${major}; the example needs 17 or later`
      // a JRE cannot launch a source file: that needs the compiler module of a JDK
      if (!/^jdk\.compiler@/m.test(run('java', ['--list-modules']).out)) return 'java is a JRE without jdk.compiler'
      return null
    },
  },
  {
    name: 'go',
    command: 'go',
    args: ['run', '.'],
    apt: 'golang-go',
    missing: () => (run('go', ['version']).ok ? null : 'go is not on PATH'),
  },
  {
    name: 'python',
    command: 'python3',
    args: ['merchant.py'],
    apt: 'python3',
    missing: () =>
      run('python3', ['-c', 'import sys; assert sys.version_info >= (3, 8)']).ok
        ? null
        : 'python3 (3.8 or later) is not on PATH',
  },
  {
    name: 'php',
    command: 'php',
    args: ['merchant.php'],
    apt: 'php-cli php-curl',
    missing() {
      const v = run('php', ['-r', 'echo PHP_MAJOR_VERSION, " ", extension_loaded("curl") ? "curl" : "none";'])
      if (!v.ok) return 'php (8.0 or later) is not on PATH'
      const [major, curl] = v.out.trim().split(' ')
      if (Number(major) < 8) return `php is version ${major}; the example needs 8.0 or later`
      return curl === 'curl' ? null : "php's curl extension is not loaded"
    },
  },
]
