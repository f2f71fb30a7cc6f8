/**
 * faker (zh_CN), loaded on first use: only a new tenant's names need it, and loading it takes ≈ 50 ms that the
 * server's start-up does not need to pay. A synchronous require of the ES module (Node ≥ 20.19); the CommonJS
 * build swaps this file for faker.static.ts (scripts/build.mjs), since Jest's require cannot load ES modules.
 */
import { createRequire } from 'node:module'
import type { Faker } from '@faker-js/faker'

let loaded: Faker | undefined

export function loadFaker(): Faker {
  loaded ??= (createRequire(import.meta.url)('@faker-js/faker/locale/zh_CN') as { faker: Faker }).faker
  return loaded
}
