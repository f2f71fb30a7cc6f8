/**
 * The image is built from a list of files (the Dockerfile's COPY lines, .dockerignore's allow list): the build's own
 * modules must be on it.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')

describe('the container build', () => {
  it('copies every local module scripts/build.mjs imports into the image', () => {
    const local = [...read('scripts/build.mjs').matchAll(/from '\.\/([\w.-]+)'/g)].map((m) => `scripts/${m[1]}`)
    expect(local).toContain('scripts/english-only-zod.mjs')
    const copied = read('Dockerfile')
      .split('\n')
      .filter((l) => l.startsWith('COPY '))
      .join(' ')
    const allowed = read('.dockerignore').split('\n')
    for (const file of ['scripts/build.mjs', ...local]) {
      expect(copied, `Dockerfile COPY of ${file}`).toContain(file)
      expect(allowed, `.dockerignore !${file}`).toContain(`!${file}`)
    }
  })
})
