/** Reads the first sheet of an .xlsx whose zip entries are stored (as the sandbox writes them) into rows of cells. */
export function readSheet(buf: Buffer): Array<Array<string | number>> {
  const files = new Map<string, string>()
  let at = 0
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const method = buf.readUInt16LE(at + 8)
    const size = buf.readUInt32LE(at + 18)
    const nameLen = buf.readUInt16LE(at + 26)
    const extraLen = buf.readUInt16LE(at + 28)
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString('utf8')
    const start = at + 30 + nameLen + extraLen
    if (method !== 0) throw new Error(`${name}: compressed entries are not read by this helper`)
    files.set(name, buf.subarray(start, start + size).toString('utf8'))
    at = start + size
  }
  const sheet = files.get('xl/worksheets/sheet1.xml')
  if (!sheet || !files.has('[Content_Types].xml') || !files.has('xl/workbook.xml')) throw new Error('not a workbook')
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  return [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((row) =>
    [...row[1]!.matchAll(/<c [^>]*?(t="inlineStr")?>(?:<is><t[^>]*>(.*?)<\/t><\/is>|<v>(.*?)<\/v>)<\/c>/g)].map((c) =>
      c[1] ? unescape(c[2] ?? '') : Number(c[3]),
    ),
  )
}
