/**
 * What `--repair` tells about a damaged snapshot: the damaged record lines it left out, which of those records
 * the log restores (a later put, delete or namespace replacement of the same record replays over the gap), and
 * which are lost. The snapshot is only ever rewritten from memory after this, and the damaged file is kept.
 */
import type { Batch } from './wal-format.js'
import type { DamagedLine } from './snapshot-read.js'

export interface SnapshotRepairReport {
  /** the untouched copy of the damaged snapshot */
  copy: string
  damaged: DamagedLine[]
  /** damaged records a later log batch wrote again (or deleted): nothing of them is lost */
  restored: DamagedLine[]
  /** damaged records nothing else holds: lost */
  lost: DamagedLine[]
  /** for the operator */
  message: string
}

const where = (d: DamagedLine): string =>
  d.kind === 'cut-off'
    ? `the end of the file (cut off at line ${d.line}, byte ${d.offset})`
    : `line ${d.line} (byte ${d.offset}): record ${d.ns}/${d.coll}/${d.id ?? '(id unreadable)'}`

/** Sorts the damaged lines into restored by the log and lost, and words the report. */
export function explainSnapshotRepair(
  path: string,
  copy: string,
  damaged: DamagedLine[],
  batches: Batch[],
): SnapshotRepairReport {
  const rewritten = new Set<string>()
  const replaced = new Set<string>()
  for (const b of batches)
    for (const op of b.ops) {
      if (op.o === 'ns' || op.o === 'body') replaced.add(op.n)
      else rewritten.add(`${op.n}\u0000${op.c}\u0000${op.k}`)
    }
  const restored = damaged.filter(
    (d) =>
      d.kind === 'record' &&
      (replaced.has(d.ns!) || (d.id !== undefined && rewritten.has(`${d.ns}\u0000${d.coll}\u0000${d.id}`))),
  )
  const lost = damaged.filter((d) => !restored.includes(d))
  const lines = [
    `repaired the snapshot ${path}: left out ${damaged.length} damaged part(s); the original is kept as ${copy}.`,
    ...restored.map((d) => `  restored from the log: ${where(d)}`),
    ...lost.map((d) =>
      d.kind === 'cut-off'
        ? `  LOST: every record after ${where(d)}, except those the log writes again`
        : `  LOST: ${where(d)} — nothing else holds it; restore it from a backup if you need it`,
    ),
    '  --repair cannot recover a record only the damaged line held, nor repair damage to the header, a ' +
      'namespace or collection opener or a closer (those stop start-up with or without --repair).',
  ]
  return { copy, damaged, restored, lost, message: lines.join('\n') }
}
