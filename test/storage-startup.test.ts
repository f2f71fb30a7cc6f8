/**
 * Start-up on a data file that is not what it should be: refused with a clear message, never replaced; one lock
 * per file whatever name reaches it; a snapshot temp file left behind does not get in the way.
 */
import { existsSync } from 'node:fs'
import { lstat, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openFileStore } from '../src/store/file-store.js'
import { StoreOpenError } from '../src/store/state.js'
import { tenantRegistryProblem } from '../src/tenants/tenants.check.js'
import { makeSandbox } from './helpers/harness.js'
import { runMain, startMain } from './helpers/process.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-startup-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const refusal = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => {
      throw new Error('opened')
    },
    (e: Error) => e,
  )

describe('a data file that is not a sandbox data object', () => {
  it.each([
    ['null', 'null'],
    ['[]', 'an array'],
    ['42', 'a number'],
    ['"text"', 'a string'],
  ])('refuses %s and leaves it as it was', async (text, what) => {
    await writeFile(file, text)
    const err = await refusal(openFileStore(file))
    expect(err).toBeInstanceOf(StoreOpenError)
    expect(err.message).toContain(`cannot open data file ${file}: it holds ${what}, not a sandbox data object`)
    expect(await readFile(file, 'utf8')).toBe(text)
    expect(existsSync(`${file}.lock`)).toBe(false)
  })
})

describe('a tenant record of the wrong shape', () => {
  async function withDefaultTenant(edit: (rec: Record<string, unknown>) => void): Promise<void> {
    const { sandbox } = await makeSandbox({ store: await openFileStore(file) })
    await sandbox.close()
    const state = JSON.parse(await readFile(file, 'utf8'))
    edit(state.namespaces.sys.tenants.awsandboxdefault)
    await writeFile(file, JSON.stringify(state))
  }

  it('stops start-up naming the record and the field (a numeric client_key), without a stack trace', async () => {
    await withDefaultTenant((rec) => (rec.client_key = 12345))
    const before = await readFile(file, 'utf8')
    const run = await runMain(['--port', '0', '--data', file])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      `cannot open data file ${file}: tenant record sys/tenants/awsandboxdefault: field client_key must be a string, but is 12345 (number)`,
    )
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(await readFile(file, 'utf8')).toBe(before)
  })

  it("names other fields too, and a client_key that is not the record's key", async () => {
    await withDefaultTenant((rec) => (rec.pois = 'none'))
    expect((await refusal(openFileStore(file, { check: tenantRegistryProblem }))).message).toContain(
      'tenant record sys/tenants/awsandboxdefault: field pois must be an array of { poi_id, poi_name } strings, but is "none" (string)',
    )
    for (const f of [file, `${file}.wal`]) await rm(f)
    await withDefaultTenant((rec) => (rec.client_key = 'someone-else'))
    expect((await refusal(openFileStore(file, { check: tenantRegistryProblem }))).message).toContain(
      'field client_key is "someone-else", not the record\'s key',
    )
  })
})

describe('one lock per file, whatever name reaches it', () => {
  it('refuses a second sandbox reaching the file through a symlink', async () => {
    const link = join(dir, 'link.json')
    await symlink(file, link)
    const first = await startMain(['--port', '0', '--data', file])
    try {
      const second = await runMain(['--port', '0', '--data', link])
      expect(second.code).toBe(1)
      expect(second.stderr).toContain(`cannot open data file ${file}: it is in use by another sandbox`)
    } finally {
      await first.stop()
    }
  })

  it('writes through a symlinked file and a symlinked directory to the real file, and leaves the links links', async () => {
    await mkdir(join(dir, 'real'))
    await symlink(join(dir, 'real'), join(dir, 'dirlink'))
    const viaDir = join(dir, 'dirlink', 'db.json')
    const s = await openFileStore(viaDir)
    expect(existsSync(join(dir, 'real', 'db.json.lock'))).toBe(true)
    await s.close()
    const link = join(dir, 'link.json')
    await symlink(join(dir, 'real', 'db.json'), link)
    const t = await openFileStore(link)
    expect(existsSync(`${link}.lock`)).toBe(false)
    t.put('t:x', 'c', 'k', { v: 1 })
    await t.close() // compaction: a temp file renamed over the real file, not over the link
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(JSON.parse(await readFile(join(dir, 'real', 'db.json'), 'utf8')).namespaces['t:x'].c.k).toEqual({ v: 1 })
  })

  it('refuses a symlink to a file that does not exist, creating nothing', async () => {
    const link = join(dir, 'dangling.json')
    await symlink(join(dir, 'nowhere', 'db.json'), link)
    expect((await refusal(openFileStore(link))).message).toContain('it is a symlink to a file that does not exist')
    expect(existsSync(join(dir, 'nowhere'))).toBe(false)
  })
})

describe('a snapshot temp file left behind (a crash or a full disk during compaction)', () => {
  it('is removed at start, and writes and compactions go on', async () => {
    const s = await openFileStore(file)
    s.put('t:x', 'c', 'a', { v: 1 })
    await s.close()
    const temp = join(dir, '.sandbox.json.tmp')
    await writeFile(temp, '{"version":2,"seq":1,"namespa') // the half-written snapshot of a compaction that failed
    const r = await openFileStore(file)
    expect(existsSync(temp)).toBe(false)
    expect(r.get('t:x', 'c', 'a')).toEqual({ v: 1 })
    r.put('t:x', 'c', 'b', { v: 2 })
    await r.sync()
    await r.compact()
    await r.close()
    const again = await openFileStore(file)
    expect(again.get('t:x', 'c', 'b')).toEqual({ v: 2 })
    await again.close()
  })

  it('refuses, naming it, when something other than a file stands in its place', async () => {
    await mkdir(join(dir, '.sandbox.json.tmp'))
    expect((await refusal(openFileStore(file))).message).toContain(
      `${join(dir, '.sandbox.json.tmp')} (where its snapshot is written before the rename) is not a regular file`,
    )
  })
})
