/** The package's entry for users' test suites: the typed client and an in-process sandbox. */
export { SandboxApiError, SandboxClient, type Data, type TenantCredentials } from './client.js'
export { startSandbox, type RunningSandbox, type StartOptions } from './start.js'
