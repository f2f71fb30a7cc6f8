/** One poll: the tenant's state from GET /sandbox/ui/state, every part redrawn that changed. */
import { control } from './api.js'
import { clockPart } from './clock.js'
import { $ } from './dom.js'
import { faultsPart, journalPart } from './journal.js'
import { moneyPart } from './money.js'
import { ordersPart } from './orders.js'
import { productsPart } from './products.js'
import { S } from './state.js'
import type { ConsoleState } from './types.js'
import { deliveriesPart, outboxPart } from './webhooks.js'

const RENDERERS: Array<(s: ConsoleState) => void | Promise<void>> = [
  ordersPart,
  clockPart,
  (s) => productsPart(s.products),
  moneyPart,
  outboxPart,
  faultsPart,
  deliveriesPart,
  () => journalPart(),
]

export async function refresh(): Promise<void> {
  const updated = $('updated')
  try {
    const s = await control<ConsoleState>('GET', '/sandbox/ui/state')
    if (!s || !s.clock) return
    S.state = s
    for (const r of RENDERERS) void r(s)
    updated.textContent = '已刷新 ' + ++S.refreshes + ' 次'
    updated.classList.remove('bad')
  } catch (e) {
    updated.textContent = '刷新失败：' + (e as Error).message
    updated.classList.add('bad')
  }
}
