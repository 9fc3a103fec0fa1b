import t from 'tap'
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildTestApp } from './helpers.ts'
import { clientErrorHandler, formatWindow, MAX_URL_LENGTH, rateLimiter } from '../src/plugins/limits.ts'

const PROBLEM = /^application\/problem\+json/

t.test('the rate limit answers 429 problem+json with Retry-After and RateLimit-* headers, per client', async (t) => {
  const app = await buildTestApp(t, { limits: { rateLimit: { max: 3, timeWindow: 60_000 } } })
  for (let i = 0; i < 3; i++) {
    const res = await app.inject({ url: '/v1/topics' })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['ratelimit-limit'], '3')
    t.equal(res.headers['ratelimit-remaining'], String(2 - i))
    t.ok(Number(res.headers['ratelimit-reset']) > 0)
  }
  const refused = await app.inject({ url: '/v1/topics/symptoms' })
  t.equal(refused.statusCode, 429)
  t.match(refused.headers['content-type'], PROBLEM)
  t.equal(refused.headers['retry-after'], '60')
  t.equal(refused.headers['ratelimit-remaining'], '0')
  t.same(refused.json(), {
    type: '/problems/too-many-requests',
    title: 'Too Many Requests',
    status: 429,
    detail: 'At most 3 requests per 1 minute are allowed from one client; try again in 60 seconds.',
    instance: '/v1/topics/symptoms'
  })
  t.equal((await app.inject({ url: '/v1/topics', remoteAddress: '10.0.0.2' })).statusCode, 200, 'another client has its own budget')
  for (let i = 0; i < 5; i++) {
    t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'the probes are not limited')
    t.equal((await app.inject({ url: '/ready' })).statusCode, 200)
  }
})

t.test('unknown URLs count against the budget too; probes do not, with or without a query or a trailing slash', async (t) => {
  const app = await buildTestApp(t, { limits: { rateLimit: { max: 2, timeWindow: 1000 } } })
  t.equal((await app.inject({ url: '/nowhere' })).statusCode, 404)
  t.equal((await app.inject({ url: '/v1/topics/nope' })).statusCode, 404)
  const refused = await app.inject({ url: '/nowhere/else' })
  t.equal(refused.statusCode, 429)
  t.equal(refused.json().detail, 'At most 2 requests per 1 second are allowed from one client; try again in 1 second.')
  for (const url of ['/health', '/ready/', '/health?x=1']) t.equal((await app.inject({ url })).statusCode, 200, url)
})

t.test('the limiter counts per client and per window, and stays bounded under a flood of clients', async (t) => {
  const limiter = rateLimiter(60_000, 3)
  t.same(limiter.hit('a', 0), { count: 1, resetSeconds: 60 })
  t.same(limiter.hit('a', 30_500), { count: 2, resetSeconds: 30 })
  t.same(limiter.hit('b', 59_999), { count: 1, resetSeconds: 1 }, 'never asks to wait 0 seconds')
  t.same(limiter.hit('a', 60_000), { count: 1, resetSeconds: 60 }, 'a new window starts afresh')
  limiter.hit('b', 60_001)
  limiter.hit('c', 60_002)
  t.same(limiter.hit('c', 60_003), { count: 2, resetSeconds: 60 }, 'a known client is counted when the table is full')
  t.same(limiter.hit('d', 60_004), { count: 1, resetSeconds: 60 }, 'a new client past the bound starts the counts again')
  t.same(limiter.hit('a', 60_005), { count: 1, resetSeconds: 60 })
  t.equal(formatWindow(60_000), '1 minute')
  t.equal(formatWindow(120_000), '2 minutes')
  t.equal(formatWindow(30_000), '30 seconds')
  t.equal(formatWindow(1500), '1500 ms')
})

t.test('behind a trusted proxy, the client is the X-Forwarded-For address', async (t) => {
  const app = await buildTestApp(t, { limits: { rateLimit: { max: 1, timeWindow: 60_000 } }, trustProxy: 1 })
  t.equal((await app.inject({ url: '/v1/meta', headers: { 'x-forwarded-for': '192.0.2.1' } })).statusCode, 200)
  t.equal((await app.inject({ url: '/v1/meta', headers: { 'x-forwarded-for': '192.0.2.1' } })).statusCode, 429)
  t.equal((await app.inject({ url: '/v1/meta', headers: { 'x-forwarded-for': '192.0.2.2' } })).statusCode, 200)
})

t.test('the spec documents 429 and 503 where they can happen', async (t) => {
  const app = await buildTestApp(t, { limits: { rateLimit: { max: 100, timeWindow: 1000 }, underPressure: { maxEventLoopDelay: 1000, maxHeapUsedBytes: 0 } } })
  await app.ready()
  const spec = app.swagger() as { paths: Record<string, { get: { responses: Record<string, unknown> } }> }
  t.ok(spec.paths['/v1/topics']?.get.responses['429'])
  t.ok(spec.paths['/v1/topics']?.get.responses['503'])
  t.notOk(spec.paths['/health']?.get.responses['429'], 'the probes are not rate limited')
  t.ok(spec.paths['/health']?.get.responses['503'])
})

t.test('under pressure the server sheds load with 503 problem+json and Retry-After; liveness still answers', async (t) => {
  const app = await buildTestApp(t, { limits: { underPressure: { maxEventLoopDelay: 0, maxHeapUsedBytes: 1, sampleInterval: 5 } } })
  await app.ready()
  await sleep(50)
  const res = await app.inject({ url: '/v1/topics', headers: { 'x-request-id': 'shed-1' } })
  t.equal(res.statusCode, 503)
  t.match(res.headers['content-type'], PROBLEM)
  t.equal(res.headers['retry-after'], '10')
  t.same(res.json(), {
    type: '/problems/service-unavailable', title: 'Service Unavailable', status: 503, detail: 'The server is overloaded; try again shortly.', instance: '/v1/topics', requestId: 'shed-1'
  })
  t.equal((await app.inject({ url: '/ready' })).statusCode, 503, 'readiness takes the instance out of rotation')
  t.equal((await app.inject({ url: '/health' })).statusCode, 200, 'liveness answers')
})

t.test('an over-long URL is 414, an over-long path segment too, a malformed one 400', async (t) => {
  const app = await buildTestApp(t)
  const long = await app.inject({ url: `/v1/topics?lang=en&x=${'a'.repeat(MAX_URL_LENGTH)}` })
  t.equal(long.statusCode, 414)
  t.match(long.headers['content-type'], PROBLEM)
  t.match(long.json(), { type: '/problems/uri-too-long', status: 414, detail: /at most 2048/ })
  const segment = await app.inject({ url: `/v1/topics/${'s'.repeat(201)}` })
  t.equal(segment.statusCode, 414)
  t.match(segment.json(), { type: '/problems/uri-too-long', title: 'URI Too Long' })
  const malformed = await app.inject({ url: '/v1/topics/%E0%A4%A' })
  t.equal(malformed.statusCode, 400)
  t.match(malformed.headers['content-type'], PROBLEM)
  t.match(malformed.json(), { type: '/problems/bad-request', status: 400 })
})

t.test('a request body is refused with 413 beyond the limit', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'POST', url: '/nothing-here', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'y'.repeat(20_000) }) })
  t.equal(res.statusCode, 413)
  t.match(res.headers['content-type'], PROBLEM)
  t.match(res.json(), { type: '/problems/payload-too-large', status: 413 })
})

async function rawRequest (port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request))
    let data = ''
    socket.on('data', (chunk) => { data += chunk.toString() })
    socket.on('close', () => resolve(data))
    socket.on('error', reject)
  })
}

t.test('a real server: oversized headers are 431 and garbage is 400, both problem+json', async (t) => {
  const app = await buildTestApp(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as { port: number }
  const big = await rawRequest(port, `GET /v1/topics HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`)
  t.match(big, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/)
  t.match(big, /content-type: application\/problem\+json/i)
  t.match(JSON.parse(big.split('\r\n\r\n')[1] ?? ''), { type: '/problems/header-fields-too-large', status: 431 })
  const garbage = await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n')
  t.match(garbage, /^HTTP\/1\.1 400 Bad Request\r\n/)
  t.match(JSON.parse(garbage.split('\r\n\r\n')[1] ?? ''), { type: '/problems/bad-request', status: 400 })
  t.equal(app.server.headersTimeout, 10_000)
  t.equal(app.server.requestTimeout, 15_000)
  t.equal(app.server.keepAliveTimeout, 5_000)
})

t.test('the client-error handler answers a timeout with 408 and leaves a reset connection alone', async (t) => {
  const written: string[] = []
  const socket = { destroyed: false, writable: true, end: (data: string) => { written.push(data) } } as unknown as Socket
  clientErrorHandler(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket)
  t.match(written[0], /^HTTP\/1\.1 408 Request Timeout\r\n[^]*"type":"\/problems\/request-timeout"/)
  clientErrorHandler(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), socket)
  t.equal(written.length, 1)
})
