/**
 * A bounded ring of entries, each a small metadata object plus a text kept as UTF-8 bytes in one growing Buffer
 * (at most `maxBytes`), oldest dropped first when either bound is reached.
 *
 * Why bytes and not strings: a journal entry lives for thousands of requests, long enough for V8 to move it to the
 * old generation, and then dies there. Kept as strings, the request and answer bodies (≈ 3–5 KB a request) were
 * old-generation garbage that only a full GC frees: the server's heap, RSS and GC pauses grew with the request rate
 * (≈ 200 MB more RSS after 100k purchases). Copied into one Buffer, they are short-lived strings that die young,
 * and the bytes they leave reuse memory that already exists.
 */
export class TextRing<M> {
  private metas: (M | undefined)[] = []
  private readonly offsets: Int32Array
  private readonly lengths: Int32Array
  private buf = Buffer.alloc(0)
  private oldest = 0
  private count = 0
  private writeAt = 0
  private wrapped = false

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly firstBytes = 64 * 1024,
  ) {
    this.offsets = new Int32Array(maxEntries)
    this.lengths = new Int32Array(maxEntries)
  }

  get size(): number {
    return this.count
  }

  push(meta: M, text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: with that much room ahead the text is written without measuring
    let len = text.length * 3
    if (this.writeAt + len > this.buf.length) {
      len = Buffer.byteLength(text)
      if (len > this.maxBytes) [text, len] = ['', 0]
      if (this.writeAt + len > this.buf.length) this.makeRoom(len)
    }
    len = len > 0 ? this.buf.write(text, this.writeAt, 'utf8') : 0
    // entries of the previous lap lie at and after writeAt, oldest first: drop those the text overwrote
    while (this.count > 0 && this.offsetOf(0) >= this.writeAt && this.offsetOf(0) < this.writeAt + len) this.drop()
    if (this.count === this.maxEntries) this.drop()
    const at = (this.oldest + this.count) % this.maxEntries
    this.metas[at] = meta
    this.offsets[at] = this.writeAt
    this.lengths[at] = len
    this.writeAt += len
    this.count++
  }

  /** Entries oldest first; `text()` decodes an entry's text only when asked. */
  entries(): { meta: M; text: () => string }[] {
    const out: { meta: M; text: () => string }[] = []
    for (let i = 0; i < this.count; i++) {
      const at = (this.oldest + i) % this.maxEntries
      const from = this.offsets[at]!
      const to = from + this.lengths[at]!
      const buf = this.buf
      out.push({ meta: this.metas[at]!, text: () => buf.toString('utf8', from, to) })
    }
    return out
  }

  /** Grows the buffer while it has never wrapped and may grow; otherwise wraps to its start. */
  private makeRoom(len: number): void {
    if (!this.wrapped && this.buf.length < this.maxBytes) {
      let size = Math.max(this.firstBytes, this.buf.length * 2)
      while (size < this.writeAt + len && size < this.maxBytes) size *= 2
      size = Math.min(size, this.maxBytes)
      if (this.writeAt + len <= size) {
        const next = Buffer.allocUnsafe(size)
        this.buf.copy(next, 0, 0, this.writeAt)
        this.buf = next
        return
      }
    }
    // wrapping: the previous lap's tail (at and after writeAt) is the oldest part; it goes first
    while (this.count > 0 && this.offsetOf(0) >= this.writeAt) this.drop()
    this.writeAt = 0
    this.wrapped = true
  }

  private offsetOf(i: number): number {
    return this.offsets[(this.oldest + i) % this.maxEntries]!
  }

  private drop(): void {
    this.metas[this.oldest] = undefined
    this.oldest = (this.oldest + 1) % this.maxEntries
    this.count--
  }
}
