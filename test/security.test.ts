import t from 'tap'
import { Writable } from 'node:stream'
import { buildTestApp, buildDatabase, BASE_URL } from './helpers.ts'
import { buildApp } from '../src/app.ts'
import { loggerOptions } from '../src/server.ts'
import { loadConfig } from '../src/config.ts'
import { EXPOSED_HEADERS } from '../src/plugins/security.ts'

t.test('API responses carry security headers and a CSP that forbids everything', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/v1/topics', '/v1/topics/nope', '/nowhere']) {
    const res = await app.inject({ url })
    t.equal(res.headers['content-security-policy'], "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'", url)
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.equal(res.headers['cross-origin-resource-policy'], 'cross-origin')
    t.equal(res.headers['referrer-policy'], 'no-referrer')
    t.match(res.headers['strict-transport-security'], /max-age=31536000/)
    t.notOk(res.headers['x-powered-by'])
    t.equal(res.headers['access-control-allow-origin'], '*')
    t.equal(res.headers['access-control-expose-headers'], EXPOSED_HEADERS.join(', '))
    t.ok(res.headers['x-request-id'])
  }
})

t.test('the request id comes from X-Request-Id when given', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } })
  t.equal(res.headers['x-request-id'], 'abc-123')
})

t.test('CORS preflight is open for reading', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ method: 'OPTIONS', url: '/v1/topics', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' } })
  t.equal(res.statusCode, 204)
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.equal(res.headers['access-control-allow-methods'], 'GET, HEAD, OPTIONS')
  t.equal(res.headers['access-control-max-age'], '86400')
})

t.test('HEAD answers wherever GET does, with the same headers and no body', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/v1/topics', '/v1/topics/symptoms?lang=tr', '/v1/meta', '/health', '/ready']) {
    const get = await app.inject({ url })
    const head = await app.inject({ method: 'HEAD', url })
    t.equal(head.statusCode, 200, url)
    t.equal(head.body, '')
    t.equal(head.headers.etag, get.headers.etag)
    t.equal(head.headers['content-type'], get.headers['content-type'])
  }
})

t.test('Swagger UI gets a CSP that lets it work: same-origin scripts only, no inline script', async (t) => {
  const app = await buildTestApp(t)
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  const csp = docs.headers['content-security-policy'] as string
  t.match(csp, /default-src 'self'/)
  t.match(csp, /script-src 'self';/)
  t.match(csp, /img-src 'self' data:/)
  t.match(csp, /connect-src 'self'/)
  t.notMatch(csp, /script-src[^;]*unsafe/)
  const scripts = [...docs.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)]
  t.ok(scripts.length >= 3)
  for (const [, attributes, inline] of scripts) {
    t.match(attributes, /src="\.\/static\/[\w.-]+\.js"/, 'a same-origin script file')
    t.equal(inline?.trim(), '', 'no inline script')
  }
  const initializer = await app.inject({ url: '/docs/static/swagger-initializer.js' })
  t.equal(initializer.statusCode, 200)
  t.match(initializer.headers['content-security-policy'], /script-src 'self'/)
  const spec = await app.inject({ url: '/docs/json' })
  t.equal(spec.statusCode, 200, 'the spec Swagger UI fetches is same-origin')
  t.match(spec.headers['content-security-policy'], /connect-src 'self'/)
})

t.test('logs are JSON lines with request id, route, status and duration; 5xx at error level', async (t) => {
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({ write (chunk, _encoding, done) { lines.push(JSON.parse(String(chunk))); done() } })
  const app = await buildApp({ databasePath: buildDatabase(t), baseUrl: BASE_URL, logger: { level: 'info', stream }, limits: { rateLimit: false, underPressure: false } })
  t.teardown(() => app.close())
  app.get('/boom', async () => { throw new Error('secret internals') })
  await app.inject({ url: '/v1/topics/symptoms?lang=tr', headers: { 'x-request-id': 'log-1' } })
  const boom = await app.inject({ url: '/boom', headers: { 'x-request-id': 'log-2' } })
  t.notMatch(boom.body, /secret internals|at /)
  const completed = lines.filter((line) => line.msg === 'request completed')
  t.equal(completed.length, 2, 'one line per request')
  t.match(completed[0], { level: 30, reqId: 'log-1', method: 'GET', url: '/v1/topics/symptoms?lang=tr', route: '/v1/topics/:topic', status: 200, durationMs: Number })
  t.match(completed[1], { level: 50, reqId: 'log-2', route: '/boom', status: 500 })
  t.ok(lines.some((line) => line.reqId === 'log-2' && line.msg === 'request failed' && (line.err as { message: string }).message === 'secret internals'), 'the 5xx is logged in full')
})

t.test('pretty logs only at a terminal', async (t) => {
  const config = loadConfig({})
  t.same(loggerOptions(config, false), { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] })
  t.match(loggerOptions(config, true), { level: 'info', transport: { target: 'pino-pretty' } })
  t.notOk('transport' in loggerOptions(config), 'tests do not run at a terminal')
})

t.test('the access line written directly is the line pino writes, at the logger\'s level', async (t) => {
  const collect = () => {
    const lines: Array<Record<string, unknown>> = []
    const stream = new Writable({ write (chunk, _encoding, done) { for (const line of String(chunk).split('\n')) if (line !== '') lines.push(JSON.parse(line)); done() } })
    return { lines, stream, write: (line: string) => stream.write(line) }
  }
  const databasePath = buildDatabase(t)
  const start = async (level: string, direct: boolean) => {
    const log = collect()
    const app = await buildApp({ databasePath, baseUrl: BASE_URL, logger: { level, stream: log.stream }, accessLog: direct ? { write: log.write } : undefined, limits: { rateLimit: false, underPressure: false } })
    t.teardown(() => app.close())
    app.get('/boom', async () => { throw new Error('boom') })
    for (const [url, id] of [['/v1/topics/genetics?lang=tr', 'a"1\\'], ['/v1/nowhere?q="x"', 'a-2'], ['/boom', 'a-3']] as const) {
      await app.inject({ url, headers: { 'x-request-id': id } })
    }
    return log.lines.filter((line) => line.msg === 'request completed')
  }
  const viaPino = await start('info', false)
  const direct = await start('info', true)
  t.equal(direct.length, 3)
  const comparable = (line: Record<string, unknown>) => ({ ...line, time: typeof line.time, durationMs: typeof line.durationMs })
  t.same(direct.map(comparable), viaPino.map(comparable), 'the same fields and values')
  t.same(direct.map((line) => Object.keys(line)), viaPino.map((line) => Object.keys(line)), 'in the same order')
  t.match(direct, [{ reqId: 'a"1\\', route: '/v1/topics/:topic', status: 200 }, { route: null, status: 404, url: '/v1/nowhere?q=%22x%22' }, { level: 50, status: 500 }])
  t.same((await start('error', true)).map((line) => line.status), [500], 'below the logger\'s level, no line')
  t.same(await start('silent', true), [], 'a silent logger writes none')
})
