// Minimal types for the parts of autocannon the bench uses (the package ships none).
declare module 'autocannon' {
  interface Histogram {
    average: number
    p50: number
    p99: number
    max: number
    total: number
  }
  interface Result {
    requests: Histogram
    latency: Histogram
    /** response bytes (headers included) */
    throughput: Histogram
    non2xx: number
    errors: number
    timeouts: number
    /** connections reset by the server */
    resets: number
  }
  interface Request {
    method?: string
    path?: string
    body?: string
    headers?: Record<string, string>
    setupRequest?: (req: Request, context: Record<string, unknown>) => Request
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void
  }
  interface Options {
    url: string
    method?: string
    body?: string
    headers?: Record<string, string>
    connections?: number
    duration?: number
    /** total requests to send (instead of a duration) */
    amount?: number
    requests?: Request[]
  }
  /** The run, which `stop()` ends early (it then resolves with what was measured). */
  export default function autocannon(opts: Options): Promise<Result> & { stop(): void }
}
