/**
 * The one source of randomness: a seeded sfc32 generator whose state is persisted with the tenant,
 * so the same seed and the same requests give the same ids, codes, tokens and faker data, across restarts.
 */
import { createHash } from 'node:crypto'
import type { Faker } from '@faker-js/faker'
import { loadFaker } from './faker.js'

/** Generator state: four unsigned 32-bit words. */
export type RandomState = [number, number, number, number]

/** Where a generator keeps its state between draws. */
export interface RandomStateHolder {
  get(): RandomState
  set(state: RandomState): void
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX_UPPER = '0123456789ABCDEF'

/** Derives a generator state from a seed and a stream name (e.g. the tenant's client_key). */
export function seedState(seed: string | number, stream: string): RandomState {
  const h = createHash('sha256').update(`${seed}\u0000${stream}`).digest()
  return [h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12)]
}

/** Holds the state in memory only (logids, unpersisted streams, tests). */
export function memoryHolder(state: RandomState): RandomStateHolder {
  let s = state
  return {
    get: () => s,
    set: (next) => {
      s = next
    },
  }
}

/** yyyyMMddHHmmss in Beijing time; remembers the last second (every request asks for one). */
const stampMemo = { sec: Number.NaN, stamp: '' }
function beijingStamp(nowMs: number): string {
  const sec = Math.floor(nowMs / 1000)
  if (sec !== stampMemo.sec) {
    stampMemo.stamp = new Date(sec * 1000 + 8 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '')
    stampMemo.sec = sec
  }
  return stampMemo.stamp
}

/** A seeded random source with the platform's id formats. */
export class SeededRandom {
  constructor(private readonly holder: RandomStateHolder) {}

  /** Next unsigned 32-bit integer (sfc32). */
  uint32(): number {
    let [a, b, c, d] = this.holder.get()
    const t = (((a + b) | 0) + d) | 0
    d = (d + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    this.holder.set([a >>> 0, b >>> 0, c >>> 0, d >>> 0])
    return t >>> 0
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor((this.uint32() / 0x1_0000_0000) * (max - min + 1))
  }

  /** `n` decimal digits as a string (leading zeros allowed). */
  digits(n: number): string {
    let out = ''
    while (out.length < n) out += String(this.uint32() % 1_000_000_000).padStart(9, '0')
    return out.slice(0, n)
  }

  /** `n` characters from `alphabet`; each draw yields as many characters as fit in its 32 bits. */
  chars(n: number, alphabet: string = ALNUM): string {
    const base = alphabet.length
    const perDraw = Math.max(1, Math.floor(32 / Math.log2(base)))
    let out = ''
    while (out.length < n) {
      let x = this.uint32()
      for (let i = 0; i < perDraw && out.length < n; i++) {
        out += alphabet[x % base]
        x = Math.floor(x / base)
      }
    }
    return out
  }

  /** A platform 64-bit id as the platform sends it: a 19-digit string starting with 7. */
  id(): string {
    return `7${this.digits(18)}`
  }

  /** A client token: `clt.` + 32 hex + 22 alphanumerics, like the platform's. */
  clientToken(): string {
    return `clt.${this.chars(32, '0123456789abcdef')}${this.chars(22)}`
  }

  /** A request log id: yyyyMMddHHmmss of `nowMs` (UTC+8, as the platform) + 20 upper hex chars. */
  logid(nowMs: number): string {
    return beijingStamp(nowMs) + this.chars(20, HEX_UPPER)
  }

  /** Runs `fn` with faker seeded from this source, so faker output is reproducible. */
  withFaker<T>(fn: (f: Faker) => T): T {
    const faker = loadFaker()
    faker.seed(this.uint32())
    return fn(faker)
  }
}
