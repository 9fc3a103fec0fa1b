import t from 'tap'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'
import { chooseEncoding } from '../src/http/negotiate.ts'

t.test('chooseEncoding follows Accept-Encoding', async (t) => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['gzip;q=x', 'identity']
  ]
  for (const [header, expected] of cases) t.equal(chooseEncoding(header), expected, String(header))
})

t.test('large representations are compressed once, with their own ETag, and revalidate', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const plain = await app.inject({ url: '/v1/topics/treatments' })
  t.equal(plain.headers['content-encoding'], undefined)
  t.match(plain.headers.vary, /Accept-Encoding/)
  const decoders = { br: brotliDecompressSync, gzip: gunzipSync }
  for (const coding of ['br', 'gzip'] as const) {
    const res = await app.inject({ url: '/v1/topics/treatments', headers: { 'accept-encoding': coding } })
    t.equal(res.statusCode, 200)
    t.equal(res.headers['content-encoding'], coding)
    t.match(res.headers['content-type'], /^application\/json/)
    t.match(res.headers.vary, /Accept-Encoding/)
    t.ok(res.rawPayload.length < plain.rawPayload.length / 3, `${coding}: ${res.rawPayload.length} bytes for ${plain.rawPayload.length}`)
    t.equal(decoders[coding](res.rawPayload).toString('utf8'), plain.body, `${coding}: decodes to the same bytes`)
    t.not(res.headers.etag, plain.headers.etag, `${coding}: its own strong ETag`)
    t.equal(res.headers.etag, (plain.headers.etag as string).replace(/"$/, `-${coding}"`))
    const again = await app.inject({ url: '/v1/topics/treatments', headers: { 'accept-encoding': coding, 'if-none-match': res.headers.etag as string } })
    t.equal(again.statusCode, 304)
    const same = await app.inject({ url: '/v1/topics/treatments', headers: { 'accept-encoding': coding } })
    t.same(same.rawPayload, res.rawPayload, `${coding}: the same bytes again (prepared once)`)
  }
  const mismatch = await app.inject({ url: '/v1/topics/treatments', headers: { 'accept-encoding': 'gzip', 'if-none-match': plain.headers.etag as string } })
  t.equal(mismatch.statusCode, 200, 'an identity ETag does not validate the gzip representation')
  const html = await app.inject({ url: '/embed/topics/symptoms', headers: { 'accept-encoding': 'br' } })
  t.equal(html.headers['content-encoding'], 'br', 'embed pages too')
  const head = await app.inject({ method: 'HEAD', url: '/v1/topics/treatments', headers: { 'accept-encoding': 'br' } })
  t.equal(head.statusCode, 200)
  t.equal(head.headers['content-encoding'], 'br')
  t.equal(head.body, '')
})

t.test('small responses stay as they are; other large responses are compressed on the fly', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const small = await app.inject({ url: '/health', headers: { 'accept-encoding': 'br' } })
  t.equal(small.headers['content-encoding'], undefined)
  const problem = await app.inject({ url: '/v1/topics/nope', headers: { 'accept-encoding': 'gzip' } })
  t.equal(problem.headers['content-encoding'], undefined)
  const spec = await app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } })
  t.equal(spec.headers['content-encoding'], 'gzip')
  t.equal(JSON.parse(gunzipSync(spec.rawPayload).toString('utf8')).openapi, '3.1.0')
  const search = await app.inject({ url: '/v1/search?q=motor&limit=100', headers: { 'accept-encoding': 'br' } })
  t.equal(search.statusCode, 200)
  t.equal(search.headers['content-encoding'], 'br', 'a large search result is compressed')
  t.equal(JSON.parse(brotliDecompressSync(search.rawPayload).toString('utf8')).query, 'motor')
})
