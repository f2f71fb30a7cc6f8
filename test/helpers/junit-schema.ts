/**
 * Validates JUnit XML the way CI test reporters read it: against the JUnit XSD in test/fixtures/junit.xsd (the
 * Ant / Jenkins junit format that GitLab and GitHub reporters follow) with xmllint, then the counts a schema
 * cannot express (a suite's tests, failures and skipped are those of its test cases; the totals their sums).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { validateXML } from 'xmllint-wasm'

interface Node {
  name: string
  attrs: Record<string, string>
  children: Node[]
  text: string
}

/** Parses the XML this project writes (no CDATA, comments or DTD), once xmllint found it valid. */
function parseXml(xml: string): Node {
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n?/.exec(xml)
  if (!decl) throw new Error('missing <?xml version="1.0" encoding="UTF-8"?>')
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g
  token.lastIndex = decl[0].length
  const stack: Node[] = [{ name: '#document', attrs: {}, children: [], text: '' }]
  let m: RegExpExecArray | null
  while ((m = token.exec(xml))) {
    const [, close, name, attrText, selfClose, text, stray] = m
    if (stray) throw new Error(`a "<" that starts no tag at ${m.index}`)
    const top = stack[stack.length - 1]!
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) throw new Error(`a bare "&" in ${top.name}`)
      top.text += text
      continue
    }
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`)
      stack.pop()
      continue
    }
    const attrs: Record<string, string> = {}
    for (const a of attrText!.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)) {
      if (a[1]! in attrs) throw new Error(`<${name}> repeats ${a[1]}`)
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(a[2]!)) throw new Error(`a bare "&" in ${name}@${a[1]}`)
      attrs[a[1]!] = a[2]!
    }
    const node: Node = { name: name!, attrs, children: [], text: '' }
    top.children.push(node)
    if (!selfClose) stack.push(node)
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is not closed`)
  const roots = stack[0]!.children
  if (roots.length !== 1 || stack[0]!.text.trim() !== '') throw new Error('expected exactly one root element')
  return roots[0]!
}

const kids = (n: Node, name: string) => n.children.filter((c) => c.name === name)

/** The counts a suite declares must be those of its test cases, and the totals their sums. */
function checkCounts(root: Node, problems: string[]): void {
  const total = { tests: 0, failures: 0, skipped: 0 }
  for (const suite of kids(root, 'testsuite')) {
    const cases = kids(suite, 'testcase')
    const counts = {
      tests: cases.length,
      failures: cases.filter((c) => kids(c, 'failure').length > 0).length,
      skipped: cases.filter((c) => kids(c, 'skipped').length > 0).length,
    }
    for (const [k, v] of Object.entries(counts)) {
      total[k as keyof typeof total] += v
      if (suite.attrs[k] !== undefined && Number(suite.attrs[k]) !== v)
        problems.push(`testsuite "${suite.attrs.name}" says ${k}="${suite.attrs[k]}", its test cases make ${v}`)
    }
  }
  for (const [k, v] of Object.entries(total))
    if (root.attrs[k] !== undefined && Number(root.attrs[k]) !== v)
      problems.push(`testsuites says ${k}="${root.attrs[k]}", its suites make ${v}`)
}

const SCHEMA = readFileSync(fileURLToPath(new URL('../fixtures/junit.xsd', import.meta.url)), 'utf8')

/** The XML against the JUnit XSD (xmllint, compiled to WebAssembly), then the counts; the problems found. */
export async function validateJunit(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'report.xml', contents: xml },
    schema: { fileName: 'junit.xsd', contents: SCHEMA },
  })
  if (!result.valid) return result.errors.map((e) => e.message)
  const problems: string[] = []
  const root = parseXml(xml)
  if (root.name === 'testsuites') checkCounts(root, problems)
  return problems
}
