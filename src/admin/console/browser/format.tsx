/** Labels in Chinese with their codes, amounts in 元, Beijing times and pretty JSON. */

export const L: Record<string, Record<string, string>> = {
  cert: { 1: '待使用', 2: '已使用', 3: '退款申请中', 4: '已退款', 5: '退款失败', 6: '退款中' },
  order: { 201: '待使用', 1: '已完成', 101: '已关闭' },
  draft: { 10: '审核中', 12: '审核驳回', 1: '审核通过', 100: '免审生效' },
  online: { 0: '未上线', 1: '在线', 2: '已下线', 3: '封禁' },
  after: { 1: '待商家审核', 2: '退款成功', 3: '商家拒绝' },
  refundType: { 1: '整单退', 2: '部分退', 3: '指定金额退' },
  ledger: { 0: '待分账', 1: '分账中', 2: '分账成功', 3: '分账失败', 4: '废弃' },
  fund: { 1: '收入', 2: '退款冲正' },
  by: { user: '用户', customer_service: '客服', system: '系统' },
  outbox: { pending: '待发送', blocked: '等待前序事件', failed: '已放弃' },
  productType: { 1: '团购', 11: '代金券', 15: '次卡' },
  refundMode: { 1: '支持部分退', 2: '不支持部分退' },
}

/** The Chinese name of a code of `kind`, or '' */
export const name = (kind: string, code: number | string | null | undefined): string =>
  code === null || code === undefined ? '' : (L[kind]?.[code] ?? '')

/** "待使用 1": the Chinese state with its code */
export const Label = ({ kind, code }: { kind: string; code: number | string }) => (
  <span class={`st st-${kind}-${code}`}>{`${L[kind]?.[code] ?? '未知'} ${code}`}</span>
)

export const yuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '—' : (Number(fen) / 100).toFixed(2) + ' 元'

/** Seconds since the epoch as Beijing time, "2022-06-01 00:00:00" */
export const bj = (sec: number | null | undefined): string =>
  sec ? new Date((Number(sec) + 8 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ') : '—'

export const mmss = (s: number): string => Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0')

export function pretty(text: string | null | undefined): string {
  try {
    return JSON.stringify(JSON.parse(text ?? ''), null, 2)
  } catch {
    return String(text ?? '')
  }
}

/** A webhook body with its JSON-encoded content decoded beside it. */
export function prettyEvent(text: string): string {
  try {
    const b = JSON.parse(text) as { content?: unknown }
    return typeof b.content === 'string' ? pretty(text) + '\n\ncontent（解码）:\n' + pretty(b.content) : pretty(text)
  } catch {
    return String(text ?? '')
  }
}

/** Headers one a line, "name: value" */
export const headerLines = (headers: Record<string, string> | undefined): string =>
  Object.entries(headers || {})
    .map((h) => h[0] + ': ' + h[1])
    .join('\n')
