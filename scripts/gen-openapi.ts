/**
 * Writes openapi/openapi.json from the routes' zod schemas (`npm run openapi`).
 * A test fails when the committed file differs from a fresh build.
 */
import { writeFileSync } from 'node:fs'
import { renderOpenApi } from './openapi-doc.js'

const target = new URL('../openapi/openapi.json', import.meta.url)
writeFileSync(target, await renderOpenApi())
process.stdout.write(`wrote ${target.pathname}\n`)
