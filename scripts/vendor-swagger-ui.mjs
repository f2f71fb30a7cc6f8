#!/usr/bin/env node
// Refreshes vendor/swagger-ui/ from the swagger-ui-dist tarball on the npm registry, without installing the
// package: swagger-ui-dist depends on @scarf/scarf, whose install script reports every install to a third party.
// `npm pack` fetches the tarball alone (no dependencies, no scripts); its integrity is checked before use.
// usage: node scripts/vendor-swagger-ui.mjs [version]
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE', 'NOTICE']
const version = process.argv[2] ?? JSON.parse(readFileSync('vendor/swagger-ui/VERSION.json', 'utf8')).version
const tmp = mkdtempSync(join(tmpdir(), 'swagger-ui-'))
try {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', `swagger-ui-dist@${version}`, '--json', '--pack-destination', tmp], {
      encoding: 'utf8',
    }),
  )
  const expected = execFileSync('npm', ['view', `swagger-ui-dist@${version}`, 'dist.integrity'], { encoding: 'utf8' })
  if (packed.integrity !== expected.trim()) throw new Error(`integrity ${packed.integrity} ≠ registry's ${expected}`)
  execFileSync('tar', ['-xzf', join(tmp, packed.filename), '-C', tmp])
  for (const f of FILES) copyFileSync(join(tmp, 'package', f), join('vendor/swagger-ui', f))
  writeFileSync(
    'vendor/swagger-ui/VERSION.json',
    `${JSON.stringify({ package: 'swagger-ui-dist', version, integrity: packed.integrity, files: FILES }, null, 2)}\n`,
  )
  console.log(`vendor/swagger-ui: swagger-ui-dist ${version} (${packed.integrity})`)
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
