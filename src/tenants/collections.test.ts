/** Collections are typed by name: the record type comes from the name, and fields are checked. */
import { describe, expect, expectTypeOf, it } from 'vitest'
import { makeSandbox } from '../../test/helpers/harness.js'
import type { CertificateRecord } from '../domains/fulfilment/fulfilment.store.js'

describe('typed collections', () => {
  it('gives each collection its record type, so a misspelt field or collection name does not compile', async () => {
    const { sandbox } = await makeSandbox()
    const t = sandbox.tenants.default()
    const certs = t.repo.collection('certificates')
    expectTypeOf(certs.get('x')).toEqualTypeOf<CertificateRecord | undefined>()
    const first = certs.values()[0]
    // @ts-expect-error CertificateRecord has no field "statsu" (status)
    expect(first?.statsu).toBeUndefined()
    // @ts-expect-error there is no collection "certificate" (the name is plural)
    expect(t.repo.collection('certificate').count()).toBe(0)
  })
})
