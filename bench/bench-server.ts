/**
 * Child process of the bench: a sandbox preloaded with N records, on a free port.
 * argv: <memory|file|file-nosync> <records> [data file]
 */
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createLog } from '../src/log.js'
import { createSandbox } from '../src/sandbox.js'
import { openFileStore } from '../src/store/file-store.js'
import { openMemoryStore } from '../src/store/store.js'

const [kind, recordsArg, file] = process.argv.slice(2)
const records = Number(recordsArg)
const store =
  kind === 'memory' ? await openMemoryStore() : await openFileStore(file!, { fsync: kind !== 'file-nosync' })
const sandbox = createSandbox({ store, log: createLog('error') })
const ns = `t:${sandbox.tenants.default().key}`
// certificate-sized records, as a busy tenant would hold
for (let i = 0; i < records; i++) {
  const id = `7${String(i).padStart(18, '0')}`
  store.put(ns, 'certificates', id, {
    certificate_id: id,
    order_id: `7${String(i).padStart(18, '1')}`,
    code: String(100000000000 + i),
    status: 1,
    encrypted_code: `CgYIASAHKAESLgos${id}`,
    start_time: 1767196800,
    expire_time: 1769788800,
    amount: {
      original_amount: 9900,
      pay_amount: 8800,
      merchant_ticket_amount: 0,
      payment_discount_amount: 0,
      coupon_pay_amount: 8800,
    },
    sku: {
      sku_id: '7123456789012345678',
      title: '双人套餐',
      account_id: '7113893944009705516',
      third_sku_id: '',
      groupon_type: 1,
    },
  })
}
await store.compact()
serve({ fetch: sandbox.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  process.stdout.write(`READY http://127.0.0.1:${info.port}\n`)
})
