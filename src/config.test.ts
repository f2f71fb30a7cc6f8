import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig, requestTimeoutOptions } from './config.js'

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig([], {})
    expect(c).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      data: './.douyin-sandbox/sandbox.json',
      memory: false,
      seed: 'douyin-sandbox',
      log_level: 'info',
      body_limit: 1048576,
    })
    expect(c.frozen_at_ms).toBeUndefined()
    expect(c.fsync).toBe('on')
    expect(c.request_timeout).toBe(30)
  })

  it('reads --request-timeout in seconds by flag or variable, and names a bad value', () => {
    expect(loadConfig(['--request-timeout', '5'], { REQUEST_TIMEOUT: '9' }).request_timeout).toBe(5)
    expect(loadConfig([], { REQUEST_TIMEOUT: '9' }).request_timeout).toBe(9)
    expect(() => loadConfig(['--request-timeout', '0'], {})).toThrow(
      /--request-timeout \/ REQUEST_TIMEOUT: must be at least 1 second \(got "0"\)/,
    )
    expect(() => loadConfig(['--request-timeout', '1.5'], {})).toThrow(
      /--request-timeout \/ REQUEST_TIMEOUT: must be a whole number of seconds/,
    )
    expect(() => loadConfig([], { REQUEST_TIMEOUT: 'soon' })).toThrow(
      /--request-timeout \/ REQUEST_TIMEOUT: .*\(got "soon"\)/,
    )
  })

  it('turns the request timeout into server options that look for slow clients at least every second', () => {
    expect(requestTimeoutOptions(30)).toEqual({
      requestTimeout: 30_000,
      headersTimeout: 30_000,
      connectionsCheckingInterval: 1000,
    })
    expect(requestTimeoutOptions(1)).toEqual({
      requestTimeout: 1000,
      headersTimeout: 1000,
      connectionsCheckingInterval: 500,
    })
  })

  it('turns fdatasync off by flag or variable, and names a bad value', () => {
    expect(loadConfig(['--fsync', 'off'], {}).fsync).toBe('off')
    expect(loadConfig([], { FSYNC: 'off' }).fsync).toBe('off')
    expect(() => loadConfig(['--fsync', 'maybe'], {})).toThrow(/--fsync \/ FSYNC/)
  })

  it('reads flags before environment variables', () => {
    const c = loadConfig(['--port', '0', '--memory', '--seed', 's1'], {
      PORT: '9000',
      SEED: 's2',
      HOST: '0.0.0.0',
      DATA_FILE: '/tmp/x.json',
      LOG_LEVEL: 'debug',
    })
    expect(c).toMatchObject({
      port: 0,
      memory: true,
      seed: 's1',
      host: '0.0.0.0',
      data: '/tmp/x.json',
      log_level: 'debug',
    })
  })

  it('accepts --frozen-at as Unix seconds or an ISO date', () => {
    expect(loadConfig(['--frozen-at', '1767196800'], {}).frozen_at_ms).toBe(1767196800000)
    expect(loadConfig([], { FROZEN_AT: '2026-01-01T00:00:00+08:00' }).frozen_at_ms).toBe(1767196800000)
  })

  it('names the flag, the variable and the value when a value is bad', () => {
    expect(() => loadConfig(['--port', '70000'], {})).toThrow(/--port \/ PORT: must be 0–65535 \(got "70000"\)/)
    // not a number at all: the same plain words, not zod's "expected number, received NaN"
    expect(() => loadConfig(['--port', 'abc'], {})).toThrow(
      /--port \/ PORT: must be a whole number 0–65535 \(got "abc"\)/,
    )
    expect(() => loadConfig(['--body-limit', 'lots'], {})).toThrow(/must be a whole number of bytes \(got "lots"\)/)
    expect(() => loadConfig([], { REQUEST_TIMEOUT: 'soon' })).toThrow(
      /must be a whole number of seconds \(got "soon"\)/,
    )
    expect(() => loadConfig([], { LOG_LEVEL: 'loud' })).toThrow(/--log-level \/ LOG_LEVEL/)
    expect(() => loadConfig(['--body-limit', '10'], {})).toThrow(
      /--body-limit \/ BODY_LIMIT: must be at least 1024 bytes/,
    )
    expect(() => loadConfig(['--whatever'], {})).toThrow(ConfigError)
  })
})
