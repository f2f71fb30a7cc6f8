/** Wire schemas of POST /oauth/client_token/ (douyin-api.md §1.1). */
import { createRoute, z } from '@hono/zod-openapi'

export const clientTokenRequestSchema = z
  .object({
    client_key: z.string().min(1).openapi({ description: '应用唯一标识 (AppID)', example: 'awsandboxdefault' }),
    client_secret: z
      .string()
      .min(1)
      .openapi({ description: '应用密钥 (AppSecret)', example: 'sandbox-default-secret-0000000000' }),
    grant_type: z.literal('client_credential').openapi({ description: '固定值 client_credential' }),
  })
  .openapi('ClientTokenRequest')

const clientTokenSuccessSchema = z
  .object({
    data: z.object({
      access_token: z.string().openapi({ example: 'clt.75c380db41e815978a733994d96f5d23RqilUxH48iobyWhbIOQFo' }),
      expires_in: z.number().int().openapi({ example: 7200 }),
      error_code: z.literal(0),
      description: z.string(),
    }),
    message: z.literal('success'),
  })
  .openapi('ClientTokenSuccess')

const clientTokenErrorSchema = z
  .object({
    data: z.object({
      captcha: z.literal(''),
      desc_url: z.literal(''),
      description: z.string(),
      error_code: z.number().int().min(1),
    }),
    message: z.literal('error'),
  })
  .openapi({ description: "the current client_token example's error shape: no extra; the logid is in X-Tt-Logid" })
  .openapi('ClientTokenError')

export const clientTokenRoute = createRoute({
  method: 'post',
  path: '/oauth/client_token/',
  tags: ['oauth'],
  operationId: 'oauthClientToken',
  summary: '生成 client_token',
  description:
    "Issues a client token valid 7200 s of the tenant's virtual time. Only the latest two tokens of a client_key are valid; the previous one keeps a 5-minute grace. Errors: 10002 bad params, 10003 unknown client_key, 10013 wrong secret.",
  request: {
    body: {
      required: false,
      content: {
        'application/json': { schema: clientTokenRequestSchema },
        'application/x-www-form-urlencoded': { schema: clientTokenRequestSchema },
      },
    },
  },
  responses: {
    200: {
      description: 'the token, or an error in data',
      content: { 'application/json': { schema: z.union([clientTokenSuccessSchema, clientTokenErrorSchema]) } },
    },
    413: { description: 'body too large', content: { 'application/json': { schema: clientTokenErrorSchema } } },
  },
})
