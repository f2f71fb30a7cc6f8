/**
 * A real sandbox server process (file store, HTTP on a free port) whose background compaction can be held in
 * the middle: SIGUSR2 starts a compaction, and once the first piece of its snapshot is written the compaction
 * writes `<marker>` and waits forever, so `.wal.old` and the snapshot's temp file stay there while requests go
 * on being answered. For kill -9 during a compaction without timing.
 * argv: <data file> <marker file> <frozen-at ms>
 */
import { writeFile } from 'node:fs/promises'
import { createLog } from '../../src/log.js'
import { createSandbox } from '../../src/sandbox.js'
import { listen } from '../../src/server.js'
import { openFileStore } from '../../src/store/file-store.js'

const [file, marker, frozenAt] = process.argv.slice(2)
const store = await openFileStore(file!, {
  onSnapshotPiece: async () => {
    await writeFile(marker!, String(process.pid))
    await new Promise<never>(() => undefined)
  },
})
const sandbox = createSandbox({ store, frozenAtMs: Number(frozenAt), log: createLog('error') })
const server = await listen(sandbox, { port: 0, host: '127.0.0.1', requestTimeout: 30 })
process.on('SIGUSR2', () => void store.compact().catch(() => undefined))
process.stdout.write(`listening on ${server.url}\n`)
