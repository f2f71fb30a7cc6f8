/**
 * The HTTP edge, below Hono: what Node's server answers before a request reaches the app. Parser errors (a bad
 * method, a bare LF, a CR inside a header, a folded header, Content-Length with Transfer-Encoding, two
 * Content-Lengths, headers or URL over 16 KB, a client too slow to send its headers) get the platform's error
 * envelope and `Connection: close` instead of Node's empty `400`; a declared Content-Length over the body limit
 * is refused at once (413, connection closed, the body never read), and `Expect: 100-continue` with such a length
 * is answered 413 instead of `100 Continue`. A request the adapter cannot turn into a URL (no `Host`, a target
 * such as `OPTIONS *` that is not a path) and a `CONNECT` (the sandbox is no proxy) get the envelope too.
 */
import { RequestError } from '@hono/node-server'
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http'
import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

/** What the edge needs from the sandbox: the body limit and an error envelope in the platform's shape. */
export interface EdgeAnswers {
  bodyLimit: number
  /** the JSON text of an error envelope (2100005) with this description */
  errorBody(description: string): string
}

/** HTTP status for each of Node's parser error codes (400 otherwise). */
const STATUS_OF: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_INVALID_METHOD: 400,
}

const WHAT: Record<string, string> = {
  HPE_HEADER_OVERFLOW: 'the request line and headers are larger than 16 KB (a URL that long is refused too)',
  ERR_HTTP_REQUEST_TIMEOUT: 'the request was not sent in time (REQUEST_TIMEOUT)',
  HPE_INVALID_METHOD: 'the request method is not an HTTP method',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Content-Length is given twice, or together with Transfer-Encoding',
  HPE_INVALID_TRANSFER_ENCODING: 'Transfer-Encoding comes with a Content-Length, or does not end in chunked',
  HPE_INVALID_VERSION: 'the request line is not "METHOD path HTTP/1.1" ended by CRLF (a bare LF?)',
  HPE_LF_EXPECTED: 'a line of the request ends with a bare LF or CR, not CRLF',
  HPE_CR_EXPECTED: 'a line of the request ends with a bare LF or CR, not CRLF',
  HPE_INVALID_HEADER_TOKEN: 'a header name or value holds a character HTTP forbids (such as a CR, or a folded line)',
  HPE_INVALID_CONTENT_LENGTH: 'the Content-Length header is not a number, or is given twice',
}

function rawAnswer(status: number, body: string, extraHeaders = ''): string {
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    `content-type: application/json; charset=utf-8\r\n${extraHeaders}` +
    `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
  )
}

/** The same words as the app's own check (http/body.ts), whichever of the two refuses the body. */
function tooLarge(answers: EdgeAnswers): string {
  return answers.errorBody(`request body is larger than the limit of ${answers.bodyLimit} bytes (BODY_LIMIT)`)
}

/** The declared Content-Length when it is over the limit, else undefined. */
function oversize(req: IncomingMessage, limit: number): number | undefined {
  const declared = Number(req.headers['content-length'] ?? NaN)
  return declared > limit ? declared : undefined
}

function refuse(res: ServerResponse, status: number, body: string): void {
  res.shouldKeepAlive = false
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  })
  res.end(body, () => res.socket?.destroySoon?.())
}

/** Why the adapter could not build a request, in words a user can act on. */
function requestProblem(message: string): string {
  if (/missing host/i.test(message)) return 'the request has no Host header (HTTP/1.1 requires one)'
  if (/invalid url/i.test(message))
    return 'the request target is not a path starting with "/" (such as OPTIONS *); the sandbox serves paths only'
  if (/host/i.test(message)) return 'the Host header is not a valid host name'
  return `the request cannot be read as a URL (${message})`
}

/**
 * The answer to a request the Node adapter could not build (its `errorHandler`): the envelope with 400 and
 * `Connection: close`; anything else that escapes the app (it renders its own errors) is a 500 in the envelope.
 */
export function requestErrorAnswer(e: unknown, answers: EdgeAnswers): Response {
  const request = e instanceof RequestError
  const status = request ? 400 : 500
  const message = e instanceof Error ? e.message : String(e)
  const what = request ? requestProblem(message) : `the sandbox failed to answer (${message})`
  return new Response(answers.errorBody(`${what}; the connection is closed`), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', connection: 'close' },
  })
}

/** The app's listener behind the size check; also answers `Expect: 100-continue`. */
export function guardListener(listener: RequestListener, answers: EdgeAnswers): RequestListener {
  return (req, res) => {
    const declared = oversize(req, answers.bodyLimit)
    if (declared !== undefined) return refuse(res, 413, tooLarge(answers))
    // Node's own check (requireHostHeader) answers an empty 400; the server turns it off so this one speaks
    if (req.headers.host === undefined && req.httpVersionMinor >= 1)
      return refuse(res, 400, answers.errorBody(`${requestProblem('missing host')}; the connection is closed`))
    listener(req, res)
  }
}

/** Installs the parser-error and 100-continue answers on a Node HTTP server. */
export function installEdge(server: Server, listener: RequestListener, answers: EdgeAnswers): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = oversize(req, answers.bodyLimit)
    if (declared !== undefined) return refuse(res, 413, tooLarge(answers))
    res.writeContinue()
    listener(req, res)
  })
  // no 'connect' listener means Node closes the socket without a word: answer 405 in the envelope instead
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    const body = answers.errorBody('CONNECT is not served: the sandbox is not a proxy; the connection is closed')
    socket.end(rawAnswer(405, body, 'allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\n'))
  })
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // once a response has begun on this connection nothing else can be written to it: just close (as Node does)
    const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage
    const busy = current?.headersSent === true
    if (err.code === 'ECONNRESET' || !socket.writable || busy) return socket.destroy()
    const code = err.code ?? ''
    const status = STATUS_OF[code] ?? 400
    const what = WHAT[code] ?? `the request is not valid HTTP/1.1 (${code || err.message})`
    socket.end(rawAnswer(status, answers.errorBody(`${what}; the connection is closed`)))
  })
}
