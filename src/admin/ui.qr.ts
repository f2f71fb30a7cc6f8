/**
 * The QR encoder the console draws coupon QR codes with: qrcode-generator (MIT, no dependencies, one classic
 * script defining `qrcode`), read from the installed package and inlined into the page, so no network is needed.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

export const QR_SCRIPT = readFileSync(createRequire(import.meta.url).resolve('qrcode-generator'), 'utf8')
