/**
 * Success examples on a platform route's 200 answer: `withExample(jsonResponses(schema, '…'), { … })` puts the
 * whole envelope (`data` with error_code 0, and `extra`) in the OpenAPI document as the answer's example.
 */
import type { jsonResponses } from './envelope.schema.js'

type Responses = ReturnType<typeof jsonResponses>

const EXTRA = {
  error_code: 0,
  description: 'success',
  sub_error_code: 0,
  sub_description: '',
  logid: '202601011200000102251451520001D611',
  now: 1767240000,
}

export function withExample<R extends Responses>(responses: R, data: Record<string, unknown>): R {
  const ok = responses[200]
  return {
    ...responses,
    200: {
      ...ok,
      content: {
        'application/json': {
          ...ok.content['application/json'],
          example: { data: { ...data, error_code: 0, description: 'success' }, extra: EXTRA },
        },
      },
    },
  }
}
