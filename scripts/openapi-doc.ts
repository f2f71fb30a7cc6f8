/** Renders the OpenAPI document of a fresh in-memory sandbox as the committed file's text. */
import { createLog } from '../src/log.js'
import { buildOpenApiDocument } from '../src/docs/openapi.js'
import { createSandbox } from '../src/sandbox.js'
import { openMemoryStore } from '../src/store/store.js'

export async function renderOpenApi(): Promise<string> {
  const sandbox = createSandbox({ store: await openMemoryStore(), frozenAtMs: 0, log: createLog('silent') })
  try {
    return `${JSON.stringify(buildOpenApiDocument(sandbox.app, sandbox.version), null, 2)}\n`
  } finally {
    await sandbox.close()
  }
}
