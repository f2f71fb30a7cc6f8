/** A small levelled logger writing one line per message to stderr. */
import type { LOG_LEVELS } from './config.js'

export type LogLevel = (typeof LOG_LEVELS)[number]
export type Log = (level: Exclude<LogLevel, 'silent'>, msg: string) => void

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 }

export function createLog(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Log {
  return (at, msg) => {
    if (RANK[at] <= RANK[level]) write(`[sandbox] ${at}: ${msg}`)
  }
}
