import t from 'tap'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildTestApp } from './helpers.ts'
import { DOCS_CACHE_CONTROL, MAX_DOCS_ANSWERS } from '../src/plugins/docs.ts'

/** A GET with the path sent exactly as written. */
function rawGet (port: number, path: string): Promise<{ status: number, type: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (response) => {
      response.resume()
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']) }))
    }).on('error', reject).end()
  })
}

const swaggerUiStatic = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')), 'static')

t.test('Swagger UI is mounted on the first /docs request, and each of its answers is prepared once', async (t) => {
  const app = await buildTestApp(t)
  const page = await app.inject({ url: '/docs/' })
  t.equal(page.statusCode, 200)
  t.match(page.headers['content-type'], /^text\/html/)
  t.match(page.body, /swagger-ui/i)
  t.equal(page.headers['cache-control'], DOCS_CACHE_CONTROL)
  t.match(page.headers['content-security-policy'], /script-src 'self'/, 'the docs keep their own CSP')

  const again = await app.inject({ url: '/docs/?ignored=1' })
  t.equal(again.body, page.body, 'the query does not make another answer')
  t.equal(again.headers.etag, page.headers.etag, 'the same prepared answer, the same strong ETag')
  const revalidated = await app.inject({ url: '/docs/', headers: { 'if-none-match': page.headers.etag as string } })
  t.equal(revalidated.statusCode, 304)
  t.equal(revalidated.body, '')

  const bundlePath = '/docs/static/swagger-ui-bundle.js'
  const plain = await app.inject({ url: bundlePath })
  t.equal(plain.statusCode, 200)
  t.match(plain.headers['content-type'], /javascript/)
  t.same(plain.rawPayload, readFileSync(join(swaggerUiStatic, 'swagger-ui-bundle.js')), 'the file, byte for byte')
  const br = await app.inject({ url: bundlePath, headers: { 'accept-encoding': 'br' } })
  t.equal(br.headers['content-encoding'], 'br')
  t.equal(br.headers.etag, `${(plain.headers.etag as string).slice(0, -1)}-br"`, 'each coding has its own ETag')
  t.ok(br.rawPayload.length < plain.rawPayload.length / 2, 'compressed')
  t.same(brotliDecompressSync(br.rawPayload), plain.rawPayload)
  t.match(br.headers.vary, /Accept-Encoding/)
  const head = await app.inject({ method: 'HEAD', url: bundlePath })
  t.equal(head.statusCode, 200)
  t.equal(head.body, '')

  const icon = await app.inject({ url: '/docs/static/favicon-32x32.png', headers: { 'accept-encoding': 'br, gzip' } })
  t.equal(icon.statusCode, 200)
  t.equal(icon.headers['content-type'], 'image/png')
  t.notOk(icon.headers['content-encoding'], 'an image is sent as it is')
  t.same(icon.rawPayload, readFileSync(join(swaggerUiStatic, 'favicon-32x32.png')))

  const spec = await app.inject({ url: '/docs/json' })
  t.same(spec.json(), app.swagger(), 'Swagger UI is lent the app\'s own document')
  const yaml = await app.inject({ url: '/docs/yaml' })
  t.equal(yaml.body, app.swagger({ yaml: true }))
})

t.test('under /docs, a redirect is passed on and an unknown path is this API\'s 404', async (t) => {
  const app = await buildTestApp(t)
  const redirect = await app.inject({ url: '/docs/static/index.html' })
  t.equal(redirect.statusCode, 302)
  t.equal(redirect.headers.location, '/docs/')

  for (let i = 0; i < 2; i++) {
    const missing = await app.inject({ url: '/docs/static/no-such-file.js' })
    t.equal(missing.statusCode, 404, `a miss is answered each time (${i + 1})`)
    t.match(missing.headers['content-type'], /^application\/problem\+json/)
    t.match(missing.json(), { status: 404, type: /not-found/, detail: /\/docs\/static\/no-such-file\.js/ })
  }
  const still = await app.inject({ url: '/docs/' })
  t.equal(still.statusCode, 200, 'and the docs still answer')

  // Over a real socket: an HTTP client may send dot segments as they are (inject would resolve them first).
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = (app.server.address() as AddressInfo).port
  for (const path of ['/docs/static/./swagger-ui-bundle.js', '/docs/static/x/../swagger-ui.css', '/docs//json', '/docs/static/%73wagger-ui.css']) {
    const odd = await rawGet(port, path)
    t.equal(odd.status, 404, `one file has one name: ${path}`)
    t.match(odd.type, /^application\/problem\+json/)
  }
  const many = await Promise.all(Array.from({ length: MAX_DOCS_ANSWERS + 10 }, (_, i) => app.inject({ url: `/docs/static/nothing-${i}.js` })))
  t.same([...new Set(many.map((response) => response.statusCode))], [404], 'more misses at once than answers kept: each is answered')
  t.equal((await app.inject({ url: '/docs/json' })).statusCode, 200)
})

t.test('closing the app closes the Swagger UI instance, if it was mounted', async (t) => {
  const unused = await buildTestApp(t)
  await unused.close()
  const used = await buildTestApp(t)
  t.equal((await used.inject({ url: '/docs' })).statusCode, 200)
  await used.close()
  t.pass('closed')
})
