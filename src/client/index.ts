/** `douyin-sandbox/client`: the typed client of the platform API and the control plane. */
export {
  SandboxApiError,
  SandboxClient,
  type Attempt,
  type OperationMethods,
  type TenantCredentials,
} from './client.js'
export { OPERATIONS, type OperationId, type Operations } from './operations.js'
export type { InputArgs, OperationInput, OperationOutput } from './types.js'
