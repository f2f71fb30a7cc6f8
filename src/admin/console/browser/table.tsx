/** A table of rows: a column is its heading and what a row shows in it. */
import type { Child } from 'hono/jsx'
import { draw } from './dom.js'

export type Column<R> = [heading: string, cell: (row: R) => Child]

export function table<R>(id: string, cols: Array<Column<R>>, rows: R[], empty?: string): void {
  draw(
    id,
    <>
      <thead>
        <tr>
          {cols.map(([heading]) => (
            <th>{heading}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length ? (
          rows.map((r) => (
            <tr>
              {cols.map(([, cell]) => (
                <td>{cell(r)}</td>
              ))}
            </tr>
          ))
        ) : (
          <tr>
            <td colspan={cols.length}>
              <small>{empty || '暂无'}</small>
            </td>
          </tr>
        )}
      </tbody>
    </>,
  )
}
