/** What POST /oauth/client_token/ does in the sandbox (OpenAPI document); its codes come from the oauth table. */
import { defineOpDocs } from '../../http/op-docs.js'

export const oauthDocs = defineOpDocs({
  oauthClientToken: {
    description:
      "Issues a client token (clt.…) of the tenant named by client_key, valid 7200 s of the tenant's virtual time, and records it. Only the latest two tokens of a client_key are valid; the previous one keeps a 5-minute grace. The calls over client_token_rate_limit (500) within 5 minutes of virtual time answer 10020 and issue nothing; there is no ban, and tokens already issued keep working.",
  },
})
