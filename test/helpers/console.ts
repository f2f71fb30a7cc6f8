/**
 * The demo console in a real browser: Debian's chromium driven by playwright-core, a screenshot per step, every
 * request the page makes recorded (none may leave the sandbox), and QR images decoded from their pixels.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQRModule from 'jsqr'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { expect } from 'vitest'

// jsqr is CommonJS with ES-module typings: its default export is the module itself
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null

export const CHROMIUM = '/usr/bin/chromium'
/** Where the step screenshots go (CONSOLE_SCREENSHOTS overrides). */
export const SHOTS = process.env.CONSOLE_SCREENSHOTS ?? join(tmpdir(), 'douyin-sandbox-console')

export async function launch(): Promise<Browser> {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`).toBe(true)
  // only the screenshots need a CJK font (the page is checked through its DOM): without one they show boxes
  let cjk: string
  try {
    cjk = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })
  } catch {
    cjk = ''
  }
  if (cjk === '')
    process.stderr.write('console test: no CJK font (apt-get install fonts-noto-cjk); screenshots show boxes\n')
  mkdirSync(SHOTS, { recursive: true })
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** A console page of the sandbox at `base`: its requests, its console errors, and a numbered screenshot helper. */
export async function openConsole(browser: Browser, base: string, story: string, query = '') {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
  const requests: string[] = []
  const errors: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${base}/sandbox/ui${query}`)
  let n = 0
  const shot = async (name: string) =>
    page.screenshot({ path: join(SHOTS, `${story}-${String(++n).padStart(2, '0')}-${name}.png`), fullPage: true })
  /** Only the sandbox itself and inline data: URLs; no console error (a CSP refusal would be one). */
  const checkOffline = () => {
    expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:'))).toEqual([])
    expect(errors).toEqual([])
  }
  return { page, shot, checkOffline, requests }
}

/** Decodes the QR code an <img> shows, from its rendered pixels. */
export async function decodeQr(img: Locator): Promise<string | undefined> {
  const png = PNG.sync.read(await img.screenshot())
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
}

export async function waitText(page: Page, selector: string, text: string | RegExp, timeout = 10_000): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout })
}
