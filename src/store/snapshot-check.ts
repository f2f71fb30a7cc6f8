/**
 * The snapshot's per-line checksum. Every line the writer makes ends with 32 blanks that spell the CRC-32 of the
 * line's text before them, most significant bit first: a space for 0, a tab for 1. JSON allows blanks between
 * tokens, so the file stays one ordinary JSON value (`jq` and `JSON.parse` read it and ignore them), while the
 * sandbox checks every line (header, opener, record, closer) as it reads it and refuses one that does not match.
 *
 * The header says the file is checked (`"check":"crc32-line"`), for people and tools; the reader goes by the
 * blanks themselves (see isCheckedHeader), so a single damaged byte can never make a checked file look unchecked.
 */
import { crc32 } from 'node:zlib'

/** Bytes of the checksum at the end of each line. */
export const CHECK_BYTES = 32
/** The header member that says every line carries a checksum. */
export const CHECK_MEMBER = '"check":"crc32-line"'

const SPACE = 0x20
const TAB = 0x09
const BLANKS_OF_BYTE = Array.from({ length: 256 }, (_, b) =>
  Array.from({ length: 8 }, (_, i) => ((b >> (7 - i)) & 1 ? '\t' : ' ')).join(''),
)

/** The 32 blanks spelling the CRC-32 of an ASCII line. */
export function lineCheck(line: string): string {
  const c = crc32(line)
  return (
    BLANKS_OF_BYTE[c >>> 24]! +
    BLANKS_OF_BYTE[(c >>> 16) & 255]! +
    BLANKS_OF_BYTE[(c >>> 8) & 255]! +
    BLANKS_OF_BYTE[c & 255]!
  )
}

/**
 * Why the line `bytes[start, end)` (without its newline) fails its checksum, or undefined when it passes.
 * The text before the checksum is `bytes[start, end - CHECK_BYTES)`.
 */
export function lineCheckProblem(bytes: Buffer, start: number, end: number): string | undefined {
  if (end - start < CHECK_BYTES) return 'is too short to hold its checksum'
  let want = 0
  for (let i = end - CHECK_BYTES; i < end; i++) {
    const b = bytes[i]
    if (b !== SPACE && b !== TAB) return 'does not end in its checksum (32 spaces and tabs)'
    want = ((want << 1) | (b === TAB ? 1 : 0)) >>> 0
  }
  const got = crc32(bytes.subarray(start, end - CHECK_BYTES))
  return got === want ? undefined : 'fails its checksum'
}

const isBlank = (b: number | undefined): boolean => b === SPACE || b === TAB || b === 0x0d

/** Whether the line `bytes[start, end)` ends in a long run of blanks (a checksum, maybe a damaged one). */
function endsInBlanks(bytes: Buffer, start: number, end: number): boolean {
  let run = 0
  for (let i = end - 1; i >= start && isBlank(bytes[i]); i--) run++
  return run >= CHECK_BYTES / 2
}

/**
 * Whether a snapshot that starts with `head` (its first few hundred bytes) carries a checksum on every line:
 * its first or its second line ends in a run of blanks. One damaged byte can spoil the checksum of one line, or
 * join two lines (a newline changed), never both lines' runs; a file rewritten by a tool (`jq -c`, a script's
 * JSON.stringify) loses every run and is read as an unchecked file.
 */
export function isCheckedHeader(head: Buffer): boolean {
  const first = head.indexOf(10)
  if (first < 0) return endsInBlanks(head, 0, head.length)
  if (endsInBlanks(head, 0, first)) return true
  const second = head.indexOf(10, first + 1)
  return second >= 0 && endsInBlanks(head, first + 1, second)
}
