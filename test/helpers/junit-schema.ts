/**
 * A structural validator of JUnit XML, after the JUnit schema CI test reporters read (Jenkins' junit XSD, which
 * GitLab and GitHub reporters follow): well-formed XML, the allowed elements and where, required and typed
 * attributes, and counts that match the test cases. Returns the problems found (none when valid).
 */

interface Node {
  name: string
  attrs: Record<string, string>
  children: Node[]
  text: string
}

interface ElementRule {
  required: string[]
  optional: string[]
  /** child element → how many may appear ('?' at most one, '*' any number) */
  children: Record<string, '?' | '*'>
  text?: boolean
}

const INT = /^\d+$/
const DECIMAL = /^\d+(\.\d+)?$/
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/

export const JUNIT_SCHEMA: Record<string, ElementRule> = {
  testsuites: {
    required: [],
    optional: ['name', 'tests', 'failures', 'errors', 'skipped', 'disabled', 'time'],
    children: { testsuite: '*' },
  },
  testsuite: {
    required: ['name', 'tests'],
    optional: ['failures', 'errors', 'skipped', 'disabled', 'time', 'timestamp', 'hostname', 'id', 'package'],
    children: { properties: '?', testcase: '*', 'system-out': '?', 'system-err': '?' },
  },
  properties: { required: [], optional: [], children: { property: '*' } },
  property: { required: ['name', 'value'], optional: [], children: {} },
  testcase: {
    required: ['name'],
    optional: ['classname', 'time', 'assertions', 'status'],
    children: { skipped: '?', error: '*', failure: '*', 'system-out': '?', 'system-err': '?' },
  },
  failure: { required: [], optional: ['message', 'type'], children: {}, text: true },
  error: { required: [], optional: ['message', 'type'], children: {}, text: true },
  skipped: { required: [], optional: ['message'], children: {}, text: true },
  'system-out': { required: [], optional: [], children: {}, text: true },
  'system-err': { required: [], optional: [], children: {}, text: true },
}

const TYPED: Record<string, RegExp> = {
  tests: INT,
  failures: INT,
  errors: INT,
  skipped: INT,
  disabled: INT,
  assertions: INT,
  time: DECIMAL,
  timestamp: TIMESTAMP,
}

/** Parses the XML this project writes (no CDATA, comments or DTD); throws on anything not well-formed. */
export function parseXml(xml: string): Node {
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

function check(node: Node, problems: string[]): void {
  const rule = JUNIT_SCHEMA[node.name]
  if (!rule) return void problems.push(`<${node.name}> is not a JUnit element`)
  for (const a of rule.required) if (!(a in node.attrs)) problems.push(`<${node.name}> lacks ${a}`)
  for (const [a, v] of Object.entries(node.attrs)) {
    if (!rule.required.includes(a) && !rule.optional.includes(a)) problems.push(`<${node.name}> has no attribute ${a}`)
    const type = TYPED[a]
    if (type && !type.test(v)) problems.push(`<${node.name}> ${a}="${v}" is not of its type`)
  }
  if (!rule.text && node.text.trim() !== '') problems.push(`<${node.name}> holds text`)
  const seen: Record<string, number> = {}
  for (const c of node.children) {
    const allowed = rule.children[c.name]
    if (!allowed) problems.push(`<${c.name}> may not appear in <${node.name}>`)
    seen[c.name] = (seen[c.name] ?? 0) + 1
    if (allowed === '?' && seen[c.name]! > 1) problems.push(`<${node.name}> holds more than one <${c.name}>`)
    check(c, problems)
  }
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

export function validateJunit(xml: string): string[] {
  let root: Node
  try {
    root = parseXml(xml)
  } catch (e) {
    return [`not well-formed: ${(e as Error).message}`]
  }
  if (root.name !== 'testsuites' && root.name !== 'testsuite') return [`the root is <${root.name}>`]
  const problems: string[] = []
  check(root, problems)
  if (root.name === 'testsuites') checkCounts(root, problems)
  return problems
}
