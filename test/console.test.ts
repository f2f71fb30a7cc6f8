/**
 * The demo console drives the whole coupon-pack story in Chromium through its buttons and forms only; the API is
 * called here only to check state. A missing browser fails this test (.ci/run installs it), never skips it.
 */
import type { Browser } from 'playwright-core'
import type { Sandbox } from '../src/sandbox.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scenarioRunner } from '../src/cli/scenario-runner.js'
import { makeSandbox, type Api } from './helpers/harness.js'
import { decodeQr, launch, openConsole, waitText } from './helpers/console.js'
import { buy, GOODS_NOW_MS, productBody, publish } from './helpers/goods.js'
import { useReceivers } from './helpers/receiver.js'
import { listen } from './helpers/server.js'
import { errorOf } from './helpers/errors.js'

let browser: Browser
let server: Awaited<ReturnType<typeof listen>>
let api: Api
let sandbox: Sandbox
const newReceiver = useReceivers()

beforeAll(async () => {
  const made = await makeSandbox({ frozenAtMs: GOODS_NOW_MS, scenarios: scenarioRunner })
  api = made.api
  sandbox = made.sandbox
  server = await listen(made.sandbox)
  browser = await launch()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const state = async () => (await api.get('/sandbox/ui/state')).body.data

describe('demo console', () => {
  it('runs the coupon-pack story: publish, audit, buy, QR, till, cancel, refused and forced refunds, bills, expiry', async () => {
    const { page, shot, checkOffline } = await openConsole(browser, server.url, 'story')
    await waitText(page, '#clock', '2022-06-01 00:00:00')
    await shot('console')

    // a product from its template, attributes as a form; its audit fails
    await page.locator('#tpl summary').click()
    await page.selectOption('#tpl-kind', 'groupon:1')
    await page.click('#tpl-load')
    await waitText(page, '#tpl-form', '预约信息')
    await page.fill('#tpl-name', '模版演示套餐')
    await page.fill('#tpl-price', '88')
    await shot('template-form')
    await page.click('#tpl-save')
    const tplRow = page.locator('#products tr', { hasText: '模版演示套餐' })
    await tplRow.getByText('审核中 10').waitFor()
    await page.fill('#audit-reason', '演示驳回')
    await tplRow.getByRole('button', { name: '审核驳回' }).click()
    await tplRow.getByText('审核驳回 12').waitFor()
    expect(await tplRow.innerText()).toContain('88.00 元')

    // the ready combo pack (不支持部分退) passes its audit
    await page.getByRole('button', { name: '发布组合券包（不支持部分退）' }).click()
    const packRow = page.locator('#products tr', { hasText: '组合券包' }).first()
    await packRow.getByText('审核中 10').waitFor()
    await shot('pack-in-audit')
    await packRow.getByRole('button', { name: '审核通过' }).click()
    await packRow.getByText('在线 1').waitFor()
    const pack = (await state()).products.find((p: any) => p.sub_items > 0)
    expect(pack).toMatchObject({ draft_status: 1, online_status: 1, refund_mode: 2 })

    // a consumer buys it
    await page.selectOption('#buy-product', pack.product_id)
    await page.fill('#buy-count', '1')
    await page.fill('#buy-open-id', 'demo-user')
    await page.click('#buy-go')
    await page.locator('.order .coupon').first().waitFor()
    const order = (await state()).orders[0]
    expect(order).toMatchObject({ open_id: 'demo-user', count: 1, order_status: 201 })
    await expect.poll(() => page.locator('.coupon').count()).toBe(order.certificates.length)
    await shot('bought')

    // every coupon shows its 12-digit code and a QR of its scan payload, which prepare accepts
    const first = order.certificates[0]
    const card = page.locator(`.coupon[data-cert="${first.certificate_id}"]`)
    expect((await card.locator('.code').innerText()).replace(/\s/g, '')).toMatch(/^\d{12}$/)
    expect((await card.locator('.code').innerText()).replace(/\s/g, '')).toBe(first.code)
    expect(await card.innerText()).toContain('待使用 1')
    const payload = await decodeQr(card.locator('img.qr'))
    expect(payload).toBe(first.encrypted_data)
    const token = await api.token()
    const prepared = await api.get(
      `/goodlife/v1/fulfilment/certificate/prepare/?encrypted_data=${encodeURIComponent(payload!)}`,
      { 'access-token': token },
    )
    expect(errorOf(prepared.body)).toMatchObject({ error_code: 0, order_id: order.order_id })

    // the till verifies it
    await card.getByRole('button', { name: '到店核销' }).click()
    await waitText(page, '#till-result', '可用券')
    await shot('till-prepared')
    await page.click('#till-verify')
    await waitText(page, '#till-result', '核销成功')
    await card.getByText('已使用 2').waitFor()
    await shot('verified')

    // cancel within the hour, showing the time left
    await card.getByRole('button', { name: '撤销核销（剩 60:00）' }).waitFor()
    await page.getByRole('button', { name: '+10 分钟' }).click()
    await card.getByRole('button', { name: '撤销核销（剩 50:00）' }).waitFor()
    await shot('cancel-window')
    await card.getByRole('button', { name: /撤销核销/ }).click()
    await card.getByText('待使用 1').waitFor()
    const cancelled = (await state()).orders[0].certificates[0]
    expect(cancelled.status).toBe(1)

    // verified again by typing its code at the till
    await page.fill('#till-code', first.code)
    // the panel still shows the last verification: wait for the new prepare, not for the old text
    const before = await page.locator('#till-result').innerHTML()
    await page.click('#till-scan')
    await page.waitForFunction((old) => {
      const el = document.querySelector('#till-result')
      return el !== null && el.innerHTML !== old && (el.textContent ?? '').includes('可用券')
    }, before)
    await page
      .locator('#till-result input[type=checkbox]')
      .evaluateAll((boxes: any[]) => boxes.forEach((b, i) => (b.checked = i === 0)))
    await page.click('#till-verify')
    await card.getByText('已使用 2').waitFor()

    // the user may not refund a partly used 不支持部分退 pack: refused, with the reason
    const orderBox = page.locator(`.order[data-order="${order.order_id}"]`)
    await orderBox.getByRole('button', { name: '用户退款' }).click()
    const refused = orderBox.locator('.refund-result.bad')
    await refused.waitFor()
    expect(await refused.innerText()).toContain('用户退款被拒绝')
    expect(await refused.innerText()).toContain('does not support partial refunds (不支持部分退)')
    expect(await refused.innerText()).toContain('不支持部分退的券包')
    expect((await state()).after_sales).toEqual([])
    await shot('refund-refused')

    // customer service forces it: the unused coupons are refunded
    await orderBox.getByRole('button', { name: '客服退款' }).click()
    await orderBox.locator('.refund-result.ok').waitFor()
    await waitText(page, '#after-sales', '退款成功 2')
    const after = await state()
    expect(after.after_sales[0]).toMatchObject({ by: 'customer_service', status: 2 })
    expect(after.orders[0].certificates.filter((c: any) => c.status === 4)).toHaveLength(order.certificates.length - 1)
    await orderBox.getByText('已退款 4').first().waitFor()
    await shot('refunded-by-customer-service')

    // the verification stands past its hour: a bill; a day later it settles
    await page.getByRole('button', { name: '+1 小时' }).click()
    await page.getByRole('button', { name: '+1 分钟' }).click()
    await waitText(page, '#ledger', '待分账 0')
    await page.getByRole('button', { name: '+1 天' }).click()
    await waitText(page, '#ledger', '分账成功 2')
    expect((await state()).ledger).toHaveLength(1)
    await shot('billed')

    // the journal shows the refused refund's request and answer
    const entry = page.locator('#journal details', { hasText: 'POST /sandbox/refunds' }).last()
    await entry.locator('summary').click()
    expect(await entry.innerText()).toContain('"by": "user"')
    expect(await entry.innerText()).toContain('"error_code": 4000002')
    expect(await entry.innerText()).toContain('content-type: application/json')

    // expiry: an untouched 支持部分退 pack is refunded whole by the system once its coupons expire
    await page.getByRole('button', { name: '发布组合券包（支持部分退）' }).click()
    const pack1 = page.locator('#products tr', { hasText: '支持部分退' }).filter({ hasText: '审核中 10' })
    await pack1.getByRole('button', { name: '审核通过' }).click()
    const online = (await state()).products.find((p: any) => p.refund_mode === 1)
    await expect.poll(async () => (await state()).products.find((p: any) => p.refund_mode === 1).online_status).toBe(1)
    await page.selectOption('#buy-product', online.product_id)
    await page.fill('#buy-count', '2')
    await page.click('#buy-go')
    await expect.poll(async () => (await state()).orders.length).toBe(2)
    const second = (await state()).orders[0]
    await page.getByRole('button', { name: '+400 天' }).click()
    const secondBox = page.locator(`.order[data-order="${second.order_id}"]`)
    await secondBox.getByText('已关闭 101').waitFor()
    await waitText(page, '#after-sales', '系统')
    const expired = await state()
    expect(expired.orders[0].certificates.every((c: any) => c.status === 4)).toBe(true)
    expect(expired.after_sales[0]).toMatchObject({ by: 'system', order_id: second.order_id, status: 2 })
    await shot('expired')

    checkOffline()
    await page.close()
  }, 120_000) // a long browser story: 27 s measured at load average 15 on 2 cores

  it('runs a scenario script with its live timeline, then shows its tenant', async () => {
    const { page, shot, checkOffline } = await openConsole(browser, server.url, 'scenario')
    await page.locator('#scenario-name option[value="cancel-within-hour"]').waitFor({ state: 'attached' })
    await page.selectOption('#scenario-name', 'cancel-within-hour')
    await page.click('#scenario-run')
    await waitText(page, '#scenario-status', '✓ 通过', 30_000)
    const timeline = await page.locator('#scenario-timeline').innerText()
    expect(timeline).toContain('▸')
    expect(timeline).toContain('POST /goodlife/v1/fulfilment/certificate/cancel/ → ok')
    expect(timeline).toContain('✓ cancel-within-hour')
    await shot('scenario')
    const run = (await api.get('/sandbox/scenarios')).body.data.runs[0]
    expect(run).toMatchObject({ scenario: 'cancel-within-hour', status: 'passed' })
    await page.click('#scenario-tenant')
    await expect.poll(() => page.locator('#tenant').inputValue()).toBe(run.client_key)
    await page.locator('.order .coupon').first().waitFor()
    await waitText(page, '#deliveries', 'life_trade_certificate_notify')
    const delivery = page.locator('#deliveries details', { hasText: 'life_trade_certificate_notify' }).first()
    await delivery.locator('summary').click()
    expect(await delivery.locator('code.sig').innerText()).toMatch(/^[0-9a-f]{40}$/)
    expect(await delivery.innerText()).toContain('"event": "life_trade_certificate_notify"')
    await shot('scenario-tenant')
    checkOffline()
    await page.close()
  })

  it('shows a given-up webhook event with why, the event held behind it, and redelivers it with a click', async () => {
    const t = (await api.post('/sandbox/tenants', { client_key: 'ui-outage' })).body.data
    const h = { 'x-sandbox-client-key': t.client_key }
    const rx = await newReceiver()
    rx.reply = () => ({ status: 503, body: 'down for maintenance' })
    await api.request('PUT', '/sandbox/webhooks?skip_challenge=true', { body: { url: rx.url }, headers: h })
    const certificate = {
      certificate_id: '7000000000000000777',
      order_id: '7000000000000000778',
      account_id: t.account_id,
    }
    for (const action of ['verify', 'verify_cancel']) {
      const content = { action, msg_time: GOODS_NOW_MS / 1000, certificate }
      await api.post('/sandbox/webhooks/events', { event: 'life_trade_certificate_notify', content }, h)
    }
    await sandbox.dispatcher.settle(sandbox.tenants.require(t.client_key)) // the first attempt has failed
    const { page, shot, checkOffline } = await openConsole(
      browser,
      server.url,
      'webhooks',
      `?client_key=${t.client_key}`,
    )
    await page.getByRole('button', { name: '+1 小时' }).click()
    await waitText(page, '#outbox', '已放弃 failed')
    const outbox = await page.locator('#outbox').innerText()
    expect(outbox).toContain('no 2xx in 4 attempts')
    expect(outbox).toContain('last: HTTP 503')
    expect(outbox).toMatch(/等待前序事件 blocked\s+0\s+等待 evt_\d+/)
    await waitText(page, '#deliveries', '已放弃')
    const last = page.locator('#deliveries details', { hasText: '已放弃' }).first()
    await last.locator('summary').click()
    expect(await last.innerText()).toContain('down for maintenance')
    expect(await last.locator('code.sig').innerText()).toMatch(/^[0-9a-f]{40}$/)
    await shot('webhook-given-up')
    rx.reply = () => ({ status: 200, body: '{}' })
    await page.getByRole('button', { name: '重新投递' }).click()
    await waitText(page, '#outbox', '没有未送达的事件')
    const actions = rx.received.map((r) => JSON.parse(r.json.content as string).action)
    expect(actions.slice(-2)).toEqual(['verify', 'verify_cancel'])
    checkOffline()
    await page.close()
  })

  it('works behind a control token taken from the page fragment, scenario runs included', async () => {
    const controlToken = 'a-long-control-token-0123456789'
    const guarded = await makeSandbox({
      frozenAtMs: GOODS_NOW_MS,
      access: { allowedHosts: [], allowedOrigins: [], controlToken },
      scenarios: scenarioRunner,
    })
    const guardedServer = await listen(guarded.sandbox)
    try {
      const { page, checkOffline } = await openConsole(browser, guardedServer.url, 'token', `#token=${controlToken}`)
      await waitText(page, '#tenant', 'awsandboxdefault')
      await page.getByRole('button', { name: '+1 天' }).click()
      await waitText(page, '#clock', '2022-06-02 00:00:00')
      await page.locator('#scenario-name option[value="product-audit"]').waitFor({ state: 'attached' })
      await page.selectOption('#scenario-name', 'product-audit')
      await page.click('#scenario-run')
      await waitText(page, '#scenario-status', '✓ 通过', 30_000)
      checkOffline()
      await page.close()
    } finally {
      await guardedServer.close()
    }
  })

  it('shows names as text: markup in a product name or an open_id is escaped, never run or rendered', async () => {
    const name = '<img src=x onerror="document.title=1">套餐 & <b>粗</b>'
    const openId = '<i>user</i>&\'"'
    const p = await publish(api, productBody('markup', name))
    await buy(api, { product_id: p.product_id, count: 1, open_id: openId })
    const { page, checkOffline } = await openConsole(browser, server.url, 'markup')
    const order = page.locator('.order', { hasText: openId }).first()
    await order.waitFor()
    expect(await order.locator('header b').first().innerText()).toBe(name)
    expect(await page.locator('#products tr', { hasText: name }).count()).toBe(1)
    expect(await page.locator('#orders img:not(.qr), #orders i, #products img, #products b b').count()).toBe(0)
    expect(await page.locator(`#buy-product option[value="${p.product_id}"]`).innerText()).toContain(name)
    expect(await page.title()).toBe('douyin-sandbox 演示台')
    checkOffline()
    await page.close()
  })

  it('shows every coupon code whole at 1280, 1440 and 1920 px and on a 390 px phone', async () => {
    const p = await publish(api, productBody('widths'))
    await buy(api, { product_id: p.product_id, count: 3 })
    const { page } = await openConsole(browser, server.url, 'widths')
    await page.locator('.coupon .code').first().waitFor()
    for (const width of [1280, 1440, 1920, 390]) {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 1000 })
      const cut = await page.$$eval('.coupon .code', (codes) =>
        codes
          .map((el) => {
            const r = el.getBoundingClientRect()
            const card = el.closest('.coupon')!.getBoundingClientRect()
            const whole =
              el.scrollWidth <= el.clientWidth + 1 &&
              r.left >= card.left - 1 &&
              r.right <= card.right + 1 &&
              r.right <= window.innerWidth + 1
            return whole
              ? ''
              : `${el.textContent} (${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(card.left)}–${Math.round(card.right)})`
          })
          .filter(Boolean),
      )
      expect(cut, `codes cut at ${width} px`).toEqual([])
    }
  }, 120_000)
})
