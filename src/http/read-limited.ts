/**
 * The one size-capped body reader: request bodies (http/body.ts, refused over the limit) and the merchant's
 * answers to webhooks and SPI calls (webhooks/outbound.ts, cut at the limit).
 */

type Source = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

/**
 * Reads `source` as UTF-8, at most `limit` bytes. Past the limit, `over` is either 'truncate' (stop reading and
 * keep the first `limit` bytes) or a function whose error is thrown. Reading stops without destroying the source.
 */
export async function readLimited(
  source: Source | null | undefined,
  limit: number,
  over: 'truncate' | (() => Error),
): Promise<string> {
  const chunks: Uint8Array[] = []
  let size = 0
  /** false once reading must stop */
  const take = (chunk: Uint8Array): boolean => {
    size += chunk.byteLength
    if (size > limit && over !== 'truncate') throw over()
    chunks.push(chunk)
    return size < limit
  }
  if (!source) return ''
  if ('getReader' in source) {
    const reader = source.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      let more: boolean
      try {
        more = take(value)
      } catch (e) {
        await reader.cancel().catch(() => undefined)
        throw e
      }
      if (!more) {
        await reader.cancel().catch(() => undefined)
        break
      }
    }
  } else {
    for await (const chunk of source) if (!take(chunk)) break
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return over === 'truncate' ? Buffer.from(text).subarray(0, limit).toString('utf8') : text
}
