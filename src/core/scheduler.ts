/**
 * Jobs at virtual times (token expiry; later audits, coupon expiry, retries, settlement). They run in time
 * order (due time, then scheduling order) when the clock is advanced or when real time reaches them.
 * Jobs are stored with the tenant, so a restart or a snapshot keeps them.
 */
import type { VirtualClock } from './clock.js'

/** A stored job (collection `jobs`, job_id → Job). */
export interface Job {
  job_id: string
  /** scheduling order, breaks ties between jobs due at the same instant */
  seq: number
  /** handler name, e.g. `oauth.token_expire` */
  kind: string
  /** virtual due time in ms */
  due_at_ms: number
  payload: Record<string, unknown>
}

/** Where a scheduler keeps its jobs (the tenant's `jobs` collection). */
export interface JobStore {
  get(id: string): Job | undefined
  put(id: string, job: Job): Job
  delete(id: string): boolean
  values(): Job[]
}

/** What one job did, as `POST /sandbox/clock/advance` reports it. */
export interface JobRun {
  job_id: string
  kind: string
  due_at: number
  payload: Record<string, unknown>
  result?: unknown
  error?: string
}

/** Runs one job; gets the tenant context it belongs to. May be async: the next job waits for it. */
export type JobHandler<Ctx> = (ctx: Ctx, job: Job) => unknown

/** A safety net against a job that keeps rescheduling itself at the same instant. */
const MAX_RUNS_PER_CALL = 1_000_000

function before(a: Job, b: Job): boolean {
  return a.due_at_ms < b.due_at_ms || (a.due_at_ms === b.due_at_ms && a.seq < b.seq)
}

export class Scheduler<Ctx> {
  private queue: Job[] | undefined
  /** serialises advance/runDue calls of one tenant */
  private lock: Promise<unknown> = Promise.resolve()
  /** a fresh object for each advance/runDue while it runs (see `currentRun`) */
  private run_: object | undefined

  constructor(
    private readonly jobs: JobStore,
    private readonly counter: { next(): number },
    private readonly clock: VirtualClock,
    private readonly handlers: ReadonlyMap<string, JobHandler<Ctx>>,
    private readonly ctx: () => Ctx,
    private readonly onChange: () => void = () => undefined,
    /** runs after the jobs due at one instant, at that virtual time (the webhook dispatcher sends what they emitted) */
    private readonly afterEach: (ctx: Ctx) => Promise<void> = async () => undefined,
  ) {}

  /** The queue in run order, built from the store on first use. */
  private sorted(): Job[] {
    this.queue ??= this.jobs.values().sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
    return this.queue
  }

  /** Forgets the in-memory queue (after a reset or restore replaced the stored jobs). */
  reload(): void {
    this.queue = undefined
    this.onChange()
  }

  /** Schedules `kind` at virtual time `dueAtMs`. */
  schedule(kind: string, dueAtMs: number, payload: Record<string, unknown> = {}): Job {
    const seq = this.counter.next()
    const job: Job = { job_id: `job_${seq}`, seq, kind, due_at_ms: Math.floor(dueAtMs), payload }
    const q = this.sorted() // built before the put, or the new job would be in it twice
    this.jobs.put(job.job_id, job)
    let lo = 0
    let hi = q.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (before(q[mid]!, job)) lo = mid + 1
      else hi = mid
    }
    q.splice(lo, 0, job)
    this.onChange()
    return job
  }

  /**
   * Schedules `kind` at `dueAtMs` unless a job of that kind with an equal payload is already pending then
   * (one job per coupon validity window instead of one per order); returns the pending or the new job.
   */
  scheduleOnce(kind: string, dueAtMs: number, payload: Record<string, unknown> = {}): Job {
    const due = Math.floor(dueAtMs)
    const q = this.sorted()
    let lo = 0
    let hi = q.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (q[mid]!.due_at_ms < due) lo = mid + 1
      else hi = mid
    }
    const wanted = JSON.stringify(payload)
    for (let i = lo; i < q.length && q[i]!.due_at_ms === due; i++) {
      if (q[i]!.kind === kind && JSON.stringify(q[i]!.payload) === wanted) return q[i]!
    }
    return this.schedule(kind, due, payload)
  }

  /** Removes a pending job; true when it was pending. */
  cancel(jobId: string): boolean {
    const q = this.sorted()
    const i = q.findIndex((j) => j.job_id === jobId)
    if (i < 0) return false
    q.splice(i, 1)
    this.jobs.delete(jobId)
    this.onChange()
    return true
  }

  /** Pending jobs in run order. */
  pending(): readonly Job[] {
    return this.sorted()
  }

  /** Virtual time (ms) of the next job, if any. */
  nextDueMs(): number | undefined {
    return this.sorted()[0]?.due_at_ms
  }

  /**
   * While an advance or runDue is running: an object that stands for that one run (a new one each time), so
   * what the jobs set off can tell one burst of work from the next (the webhook dispatcher stops connecting to a
   * receiver that refused within the same run). Undefined between runs.
   */
  currentRun(): object | undefined {
    return this.run_
  }

  /** Runs every job due at or before the clock's now. */
  runDue(): Promise<JobRun[]> {
    return this.exclusive(() => this.runUntil(this.clock.nowMs(), false))
  }

  /** Moves the clock forward by `ms`, running each job that falls due at its own due time, in order. */
  advance(ms: number): Promise<JobRun[]> {
    return this.exclusive(() => this.runUntil(this.clock.nowMs() + ms, true))
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn)
    this.lock = run.catch(() => undefined)
    return run
  }

  /**
   * Runs the due jobs in order. The jobs due at one instant run one after another, then `afterEach` runs once for
   * them at that instant (the dispatcher sends what they emitted together, instead of one pass per job).
   */
  private async runUntil(targetMs: number, moveClock: boolean): Promise<JobRun[]> {
    const runs: JobRun[] = []
    const q = this.sorted()
    this.run_ = {}
    try {
      while (q.length > 0 && q[0]!.due_at_ms <= targetMs) {
        const instant = q[0]!.due_at_ms
        if (moveClock && instant > this.clock.nowMs()) this.clock.setMs(instant)
        while (q.length > 0 && q[0]!.due_at_ms === instant) {
          if (runs.length >= MAX_RUNS_PER_CALL) throw new Error(`more than ${MAX_RUNS_PER_CALL} jobs fell due at once`)
          const job = q.shift()!
          this.jobs.delete(job.job_id)
          runs.push(await this.run(job))
        }
        await this.afterEach(this.ctx())
      }
    } finally {
      this.run_ = undefined
    }
    if (moveClock && targetMs > this.clock.nowMs()) this.clock.setMs(targetMs)
    if (runs.length > 0) this.onChange()
    return runs
  }

  private async run(job: Job): Promise<JobRun> {
    const base: JobRun = {
      job_id: job.job_id,
      kind: job.kind,
      due_at: Math.floor(job.due_at_ms / 1000),
      payload: job.payload,
    }
    const handler = this.handlers.get(job.kind)
    if (!handler) return { ...base, error: `no handler for job kind ${job.kind}` }
    try {
      const result = await handler(this.ctx(), job)
      return result === undefined ? base : { ...base, result }
    } catch (e) {
      return { ...base, error: e instanceof Error ? e.message : String(e) }
    }
  }
}
