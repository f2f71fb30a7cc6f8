/**
 * Reading an error answer as the platform gives it: `data.description` is the code's standard text (参数不合法),
 * the detail naming the field is in `extra.sub_description`, a more specific code in `extra.sub_error_code`.
 */
interface ErrorBody {
  data: { error_code?: unknown; description?: unknown }
  extra?: { sub_description?: unknown; sub_error_code?: unknown }
}

/** The detail of an error answer (`extra.sub_description`). */
export function detailOf(body: ErrorBody): string {
  return String(body.extra?.sub_description ?? '')
}

/** "<standard text>: <detail>", the way the sandbox's description read before the detail moved to sub_description. */
export function errorText(body: ErrorBody): string {
  const detail = detailOf(body)
  return detail ? `${String(body.data.description)}: ${detail}` : String(body.data.description)
}

/**
 * The answer's `data` with `description` read as "<text>: <detail>" and, when there is one, the
 * `extra.sub_error_code` beside it: for toMatchObject on what an error says.
 */
export function errorOf<T extends ErrorBody>(body: T): T['data'] & { description: string; sub_error_code?: number } {
  const sub = Number(body.extra?.sub_error_code ?? 0)
  return { ...body.data, description: errorText(body), ...(sub ? { sub_error_code: sub } : {}) }
}
