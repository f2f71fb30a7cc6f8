/** Token strings never repeat, even when a reset or a snapshot restore rewinds the tenant's random stream. */
import { describe, expect, it } from 'vitest'
import { makeSandbox } from './helpers/harness.js'

describe('client tokens', () => {
  it('never repeat within a tenant across resets and snapshot restores', async () => {
    const { api } = await makeSandbox()
    const issued: string[] = []
    const three = async () => {
      for (let i = 0; i < 3; i++) issued.push(await api.token())
    }
    await api.post('/sandbox/snapshots', { name: 'start' })
    await three()
    expect((await api.post('/sandbox/reset')).body.data.error_code).toBe(0)
    await three()
    expect((await api.post('/sandbox/snapshots/start/restore')).body.data.error_code).toBe(0)
    await three()
    await api.post('/sandbox/reset')
    await three()
    expect(new Set(issued).size).toBe(issued.length)
    // the newest token works, the first one (revoked long ago) still does not
    const h = (t: string) => ({ 'access-token': t })
    expect((await api.get('/goodlife/v1/goods/category/get/', h(issued.at(-1)!))).body.data.error_code).toBe(0)
    expect((await api.get('/goodlife/v1/goods/category/get/', h(issued[0]!))).body.data.error_code).toBe(2190008)
  })

  it("after a reset, the next token differs from the tenant's first one", async () => {
    const { api } = await makeSandbox()
    const first = await api.token()
    await api.post('/sandbox/reset')
    expect(await api.token()).not.toBe(first)
  })

  it('stay the same for the same requests (the redraw is deterministic)', async () => {
    const run = async () => {
      const { api } = await makeSandbox()
      const out = [await api.token()]
      await api.post('/sandbox/reset')
      out.push(await api.token(), await api.token())
      return out
    }
    expect(await run()).toEqual(await run())
  })
})
