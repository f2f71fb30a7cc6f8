/** faker (zh_CN) imported up front: what the CommonJS build bundles in place of faker.ts (see there). */
import type { Faker } from '@faker-js/faker'
import { faker } from '@faker-js/faker/locale/zh_CN'

export function loadFaker(): Faker {
  return faker
}
