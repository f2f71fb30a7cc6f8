/**
 * Storage faults that heal: a compaction that fails (permission taken away on a rename, a full disk while the
 * snapshot's temp file is written, too little space left for the log) never stops the sandbox — writes go on
 * being acknowledged and stay durable in the log, health answers 200 — and once the cause is gone it finishes
 * by itself, without a restart. A log write the disk refuses is refused (503), then written again by a retry.
 * Start-up on a full disk names the file, the cause and the fix. Faults are injected through the store's seam.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { errnoError, type FsOp } from '../src/store/fs-seam.js'
import { openFileStore } from '../src/store/file-store.js'
import { StoreOpenError } from '../src/store/state.js'
import { makeSandbox } from './helpers/harness.js'
import { errorText } from './helpers/errors.js'

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-faults-'))
  file = join(dir, 'sandbox.json')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A fault switched on and off by the test: `fail[op]` is the errno code that operation gets. */
function faults() {
  const fail: Partial<Record<FsOp, string>> = {}
  let free = Infinity
  return {
    fail,
    setFree: (bytes: number) => (free = bytes),
    fs: {
      fail(op: FsOp, path: string) {
        const code = fail[op]
        if (code) throw errnoError(code, `${op} '${path}'`)
      },
      freeBytes: async () => free,
    },
  }
}

const retry = { write: { first: 5, max: 20 }, compaction: { first: 10, max: 40 } }

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((r) => setTimeout(r, 5))
  expect(done()).toBe(true)
}

async function openWith(f: ReturnType<typeof faults>, warnings: string[] = []) {
  const store = await openFileStore(file, { fs: f.fs, retry, onWarning: (m) => warnings.push(m) })
  const { sandbox, api } = await makeSandbox({ store })
  return { store, sandbox, api, warnings }
}

async function createTenant(api: Awaited<ReturnType<typeof openWith>>['api'], key: string) {
  const r = await api.post('/sandbox/tenants', { client_key: key })
  if (r.status === 200) expect(r.body.data.error_code).toBe(0)
  return r
}

it.each([
  ['EACCES on the rename of the log', 'EACCES', 'rename', /permission denied/],
  ['ENOSPC while writing the snapshot temp file', 'ENOSPC', 'write-temp', /is full/],
])('keeps serving after %s, and heals without a restart once the cause is gone', async (_, code, where, cause) => {
  const f = faults()
  const { store, sandbox, api, warnings } = await openWith(f)
  expect((await createTenant(api, 'before')).status).toBe(200)
  // the fault: every rename (rotation, snapshot) is denied, or writing the snapshot's temp file fails
  if (where === 'rename') f.fail.rename = code
  else
    f.fs.fail = (op, path) => {
      if (op === 'write' && path.endsWith('.tmp')) throw errnoError(code, `write '${path}'`)
    }
  await expect(store.compact()).rejects.toThrow(new RegExp(code))
  expect(warnings[0]).toMatch(cause)
  expect(warnings[0]).toMatch(/Nothing is lost and requests go on being answered.*tried again in 0\.01 s/)
  // still serving: health, reads, and writes that are acknowledged only once in the log
  expect((await api.get('/sandbox/health')).status).toBe(200)
  for (let i = 0; i < 5; i++) expect((await createTenant(api, `during${i}`)).status).toBe(200)
  await until(() => warnings.length >= 3) // retried in the background, the wait growing
  expect((await api.get('/sandbox/health')).status).toBe(200)
  // the cause goes away: the next retry finishes the compaction, no restart
  delete f.fail.rename
  f.fs.fail = () => undefined
  await until(() => store.compactionError === undefined && !existsSync(`${file}.wal.old`))
  expect((await createTenant(api, 'after')).status).toBe(200)
  // durable: a kill -9 now loses nothing that was answered
  await writeFile(`${file}.lock`, '999999')
  const again = await openFileStore(file)
  const keys = again.keys('sys', 'tenants')
  for (const k of ['before', 'during0', 'during4', 'after']) expect(keys).toContain(k)
  await again.close()
  await sandbox.close()
})

it('stops a snapshot before it fills the disk, so the log keeps room; finishes once space is back', async () => {
  const f = faults()
  const { store, api, warnings } = await openWith(f)
  await createTenant(api, 'key-a')
  f.setFree(4 << 20) // less than the reserve the log keeps
  await expect(store.compact()).rejects.toThrow(/ENOSPC: only 4\.0 MiB free .*to leave the log 8\.0 MiB/)
  expect(warnings[0]).toMatch(/Free disk space on/)
  expect(existsSync(join(dir, '.sandbox.json.tmp'))).toBe(false) // removed, not left to fill the disk
  expect((await createTenant(api, 'key-b')).status).toBe(200)
  f.setFree(1 << 30)
  await until(() => store.compactionError === undefined && !existsSync(`${file}.wal.old`))
  await store.close()
})

it('refuses writes the disk refuses (503, not acknowledged), and takes them again once the disk does', async () => {
  const f = faults()
  const { store, api } = await openWith(f)
  expect((await createTenant(api, 'key-a')).status).toBe(200)
  f.fail.write = 'ENOSPC'
  // the answer is checked against openapi.json (its 503)
  const refused = await api.request('POST', '/sandbox/tenants', { body: { client_key: 'key-b' } })
  expect(refused.status).toBe(503)
  expect(errorText(refused.body)).toMatch(/data file could not be written .*ENOSPC.*tries again/)
  delete f.fail.write
  await until(() => store.flushes >= 2) // the retry wrote the refused batch
  expect((await api.get('/sandbox/health')).status).toBe(200)
  expect((await createTenant(api, 'key-c')).status).toBe(200)
  await writeFile(`${file}.lock`, '999999')
  const again = await openFileStore(file)
  expect(again.keys('sys', 'tenants')).toEqual(expect.arrayContaining(['key-a', 'key-b', 'key-c']))
  await again.close()
  await store.close()
})

it('on start-up with a .wal.old left and a full disk: names the file, the cause and the fix', async () => {
  const f = faults()
  const { store, api } = await openWith(f)
  await createTenant(api, 'key-a')
  f.fs.fail = (op, path) => {
    if (op === 'rename' && path === file) throw errnoError('ENOSPC', `rename '${path}'`)
  }
  await expect(store.compact()).rejects.toThrow(/ENOSPC/) // the log was rotated; the snapshot was not renamed
  await store.close() // stopped here (its last compaction fails the same way)
  expect(existsSync(`${file}.wal.old`)).toBe(true)
  const full = faults()
  full.fail.write = 'ENOSPC'
  const e = await openFileStore(file, { fs: full.fs }).then(
    () => new Error('opened'),
    (x: Error) => x,
  )
  expect(e).toBeInstanceOf(StoreOpenError)
  expect(e.message).toContain(`cannot open data file ${file}`)
  expect(e.message).toContain(`finishing the compaction the last run left unfinished (${file}.wal.old is still there)`)
  expect(e.message).toMatch(/is full: ENOSPC.*Free disk space on .*then start again\. Nothing was lost/)
  expect(existsSync(`${file}.lock`)).toBe(false)
  const r = await openFileStore(file) // space back: it finishes the compaction and starts
  expect(r.keys('sys', 'tenants')).toContain('key-a')
  expect(existsSync(`${file}.wal.old`)).toBe(false)
  await r.close()
})
