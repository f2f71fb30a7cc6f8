/** Finding elements, drawing markup into them (escaped by JSX), redrawing only on change, the activity log. */
import type { JSX } from 'hono/jsx/jsx-runtime'
import { errorLine } from './api.js'
import { S } from './state.js'
import type { Answer } from './types.js'

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T

/** The value of the input or select `id`. */
export const valueOf = (id: string): string => $<HTMLInputElement | HTMLSelectElement>(id).value

/** Replaces the content of `el` (an id or an element) by the markup of `node`. */
export function draw(el: string | Element, node: JSX.Element): void {
  const target = typeof el === 'string' ? $(el) : el
  target.innerHTML = node.toString()
}

/** Whether the <details> with this data-key is open (the user opened it; polling keeps it open). */
export const isOpen = (key: string): boolean => S.open.has(key)

/** Redraws a part only when its data changed, so open details, focus and selections survive polling. */
export function show<T>(part: string, data: T, render: (data: T) => void): void {
  const text = JSON.stringify(data)
  if (S.shown[part] === text) return
  S.shown[part] = text
  render(data)
}

/** One line of the activity log: what the console did and what came back; answers whether it succeeded. */
export function note(what: string, data: Answer | undefined, extra?: string): boolean {
  const okay = data !== undefined && (data.error_code === 0 || data.error_code === undefined)
  const li = document.createElement('li')
  li.className = okay ? 'ok' : 'bad'
  draw(
    li,
    <>
      <b>{what}</b> {okay ? '✓ 成功' : `✗ ${errorLine(data)}`}
      {extra ? (
        <>
          {' '}
          <small>{extra}</small>
        </>
      ) : null}
    </>,
  )
  const log = $('activity')
  log.prepend(li)
  while (log.children.length > 40) log.lastChild?.remove()
  return okay
}
