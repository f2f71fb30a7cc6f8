/** The header's clock: what time it is for the tenant, moving it forward; the tenant's stores for the till. */
import { control } from './api.js'
import { $, draw, note, show, valueOf } from './dom.js'
import { tenant } from './state.js'
import type { Actions, ConsoleState } from './types.js'

export const clockActions: Actions = {
  advance: async (el) => {
    const seconds = el.dataset.seconds
      ? Number(el.dataset.seconds)
      : Number(valueOf('advance-n')) * Number(valueOf('advance-unit'))
    const d = await control<{ ran?: Array<{ kind: string; error?: unknown }> }>('POST', '/sandbox/clock/advance', {
      seconds,
    })
    const ran = (d.ran || []).map((j) => j.kind + (j.error ? '（失败）' : '')).join('、')
    const text = (el.textContent ?? '').trim()
    note('时间前进 ' + (text.startsWith('+') ? text : seconds + ' 秒'), d, ran ? '运行了：' + ran : '没有到期的任务')
  },
}

export function clockPart(s: ConsoleState): void {
  $('clock').textContent = s.clock.beijing + '（北京时间）'
  $('clock-mode').textContent = (s.clock.frozen ? '已冻结' : '运行中') + ' · 待执行任务 ' + s.clock.pending_jobs
  show('pois', tenant()?.poi_ids, (ids) =>
    draw(
      'till-poi',
      <>
        {(ids || []).map((id) => (
          <option>{id}</option>
        ))}
      </>,
    ),
  )
}
