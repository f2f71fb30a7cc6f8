/**
 * The platform's response envelope as schemas (the OpenAPI document and the typed client read these):
 * `{data, extra}`; business errors answer HTTP 200 with the code in both `data.error_code` and `extra.error_code`.
 */
import { z } from '@hono/zod-openapi'
import type { ZodObject, ZodRawShape } from 'zod'

export const extraSchema = z
  .object({
    error_code: z.number().int(),
    description: z.string(),
    sub_error_code: z.number().int().openapi({
      description:
        'on an error, a more specific code (0: none); 3000001 whole-call verification errors carry the specific one here',
      example: 0,
    }),
    sub_description: z.string().openapi({
      description: "on an error, the detail naming the field and the problem ('' on success)",
      example: 'poi_id is required',
    }),
    logid: z.string().openapi({ example: '202207191103170102251451520001D611' }),
    now: z.number().int().openapi({ description: 'virtual time of the tenant, Unix seconds' }),
  })
  .openapi('Extra')

export const errorDataSchema = z
  .object({
    error_code: z.number().int().min(1).openapi({ example: 2100005 }),
    description: z.string().openapi({
      description: "the code's standard text; the detail is in extra.sub_description",
      example: '参数不合法',
    }),
  })
  .openapi('ErrorData')

/** An error answer, as every route may give one. */
export const errorEnvelopeSchema = z.object({ data: errorDataSchema, extra: extraSchema }).openapi('ErrorEnvelope')

/** The two fields every success data adds, shared by every route's envelope (a schema is immutable). */
const successFields = { error_code: z.literal(0), description: z.string() }

/**
 * `{data: <success fields> | ErrorData, extra}` for a route whose success data has `shape`. The document gives
 * each route its own `<name>Error` in place of ErrorData, with `error_code` the enum of the codes it answers.
 */
export function envelopeOf<S extends ZodRawShape, B extends ZodRawShape = Record<never, never>>(
  name: string,
  data: ZodObject<S>,
  /** keys beside data and extra (query_leger_url's top-level `urls`) */
  beside?: B,
) {
  const success = data.extend(successFields).openapi(`${name}Data`)
  return z
    .object({ data: z.union([success, errorDataSchema]), extra: extraSchema, ...(beside as B) })
    .openapi(`${name}Response`)
}

/** The OpenAPI `responses` entry of a platform route. */
export function jsonResponses<T extends z.ZodType>(schema: T, description: string) {
  return {
    200: {
      description: `${description} (business errors also answer 200, with a non-zero error_code)`,
      content: { 'application/json': { schema } },
    },
    404: { description: 'no such path', content: { 'application/json': { schema: errorEnvelopeSchema } } },
    413: {
      description: 'body larger than the configured limit',
      content: { 'application/json': { schema: errorEnvelopeSchema } },
    },
  } as const
}
