import t from 'tap'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildTestApp, BASE_URL, FIXTURE_CONTENT, tempDir } from './helpers.ts'
import { buildApp } from '../src/app.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'
import { loadContent } from '../seed/load.ts'
import { DATABASE_SCHEMA_VERSION } from '../src/db/build.ts'

t.test('GET /v1/topics lists every topic in reading order', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/topics' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json; charset=utf-8/)
  t.equal(res.headers['content-language'], 'en')
  t.match(res.headers.vary, /Accept-Language/)
  const body = res.json()
  t.same(body.items.map((item: { id: string }) => item.id), TOPIC_IDS)
  t.equal(body.total, TOPIC_IDS.length)
  t.match(body.items[1], { id: 'symptoms', title: 'Symptoms', lastReviewed: '2026-01-02', links: { self: `${BASE_URL}/v1/topics/symptoms`, embed: `${BASE_URL}/embed/topics/symptoms` } })
  t.match(body.provenance, { contentVersion: '2000.01.01', license: { id: 'CC-BY-4.0' } })
})

t.test('GET /v1/topics/symptoms?lang=tr answers in Turkish with citations resolved', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/topics/symptoms?lang=tr' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-language'], 'tr')
  const body = res.json()
  t.match(body, { id: 'symptoms', lang: 'tr', title: 'Belirtiler', summary: 'Test belirtiler özeti.' })
  t.same(body.sections[0].statements[0], { id: 'sym-one', text: 'Test belirti ifadesi.', citations: ['ref-article', 'ref-body'] })
  t.same(body.sections[0].seeAlso, [
    { topic: 'treatments', title: 'Tedaviler', href: 'http://api.test/v1/topics/treatments' },
    { topic: 'definition', section: 'overview', title: 'Tanım: Genel bakış', href: 'http://api.test/v1/topics/definition?sections=overview' }
  ], 'cross-links carry the title and URL of what they point to, in the response language')
  t.match(body.data.symptoms[1], { id: 'dysphagia', name: 'Yutma güçlüğü', region: 'bulbar', hpo: 'HP:0002015' })
  t.match(body.data.onsetPatterns[0].share, { value: 65, unit: 'percent', population: 'Test kohortu' })
  t.same(body.references.map((reference: { id: string, number: number }) => [reference.number, reference.id]), [[1, 'ref-article'], [2, 'ref-body']])
  t.equal(body.references[0].citation, 'Author A, Author B, Author C, Author D, Author E, Author F, et al. A fixture article. Fixture J. 2020;1(2):3-4. doi:10.1000/fixture.1. PMID: 1000001.')
  t.same(body.references[0].links, { doi: 'https://doi.org/10.1000/fixture.1', pubmed: 'https://pubmed.ncbi.nlm.nih.gov/1000001/' })
  t.equal(body.references[0].note, 'Bir test notu.')
  t.equal(body.references[1].citation, 'Fixture Body. A fixture web page. Fixture Body; 2024. Available from: https://example.org/fixture')
  t.match(body.provenance, { lastReviewed: '2026-01-02', disclaimer: /tıbbi tavsiye değildir/ })
})

t.test('language: ?lang= first, then Accept-Language, then English', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, Record<string, string>, string]> = [
    ['/v1/topics/definition', {}, 'en'],
    ['/v1/topics/definition', { 'accept-language': 'tr-TR,tr;q=0.9,en;q=0.5' }, 'tr'],
    ['/v1/topics/definition', { 'accept-language': 'de-DE, en;q=0.2, tr;q=0.8' }, 'tr'],
    ['/v1/topics/definition', { 'accept-language': 'fr, de' }, 'en'],
    ['/v1/topics/definition', { 'accept-language': '*' }, 'en'],
    ['/v1/topics/definition', { 'accept-language': 'tr;q=0, en;q=0.1' }, 'en'],
    ['/v1/topics/definition', { 'accept-language': 'tr;q=x' }, 'en'],
    ['/v1/topics/definition?lang=en', { 'accept-language': 'tr' }, 'en'],
    ['/v1/topics/definition?lang=tr', {}, 'tr'],
    ['/v1/meta?lang=tr', {}, 'tr']
  ]
  for (const [url, headers, expected] of cases) {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, 200, `${url} ${JSON.stringify(headers)}`)
    t.equal(res.headers['content-language'], expected, `${url} ${JSON.stringify(headers)}`)
    t.equal(res.json().lang, expected)
  }
})

t.test('a bad parameter is a 400 problem naming it', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/topics/symptoms?lang=de' })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.same(res.json(), {
    type: '/problems/invalid-parameter',
    title: 'Bad Request',
    status: 400,
    detail: 'Invalid request: query parameter "lang" must be one of: en, tr.',
    instance: '/v1/topics/symptoms',
    invalidParams: [{ name: 'lang', reason: 'must be one of: en, tr', in: 'query' }],
    allowed: ['en', 'tr']
  })
  const sections = await app.inject({ url: '/v1/topics/symptoms?sections=Bad_Id' })
  t.equal(sections.statusCode, 400)
  t.match(sections.json(), { invalidParams: [{ name: 'sections', in: 'query', reason: 'must be ids of lowercase letters, digits and hyphens, separated by commas (for example "early-symptoms,breathing")' }] })
  const list = await app.inject({ url: '/v1/topics?lang=xx' })
  t.equal(list.statusCode, 400)
})

t.test('an unknown topic is a 404 problem listing the topics', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/topics/cures' })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { type: '/problems/not-found', status: 404, detail: /There is no topic "cures"/, allowed: TOPIC_IDS })
})

t.test('?sections= picks sections and rejects unknown ones', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/topics/definition?sections=overview,overview' })
  t.equal(res.statusCode, 200)
  t.same(res.json().sections.map((section: { id: string }) => section.id), ['overview'])
  t.ok(res.json().data.codes.length > 0, 'structured data stays whole')
  const empty = await app.inject({ url: '/v1/topics/epidemiology?sections=overview' })
  t.equal(empty.statusCode, 400)
  t.match(empty.json(), { invalidParams: [{ name: 'sections', reason: 'unknown section overview in topic "epidemiology"' }], allowed: [] })
  const two = await app.inject({ url: '/v1/topics/definition?sections=overview,nope,zilch' })
  t.match(two.json(), { detail: /unknown sections nope, zilch/, allowed: ['overview'] })
})

t.test('Accept: JSON by default, 406 problem for what cannot be produced', async (t) => {
  const app = await buildTestApp(t)
  for (const accept of ['application/json', '*/*', 'application/*', 'text/html;q=0.9, application/json', 'application/json; charset=utf-8', '']) {
    const res = await app.inject({ url: '/v1/topics/genetics', headers: { accept } })
    t.equal(res.statusCode, 200, `Accept: ${accept}`)
  }
  for (const [url, accept] of [['/v1/topics/genetics', 'text/csv'], ['/v1/topics', 'image/png'], ['/v1/meta', 'application/json;q=0, */*'], ['/v1/meta', 'text/*']]) {
    const res = await app.inject({ url, headers: { accept } })
    t.equal(res.statusCode, 406, `${url} Accept: ${accept}`)
    t.match(res.json(), { type: '/problems/not-acceptable', status: 406 })
    t.same(res.json().allowed, url === '/v1/topics/genetics' ? ['application/json', 'application/ld+json', 'text/html'] : ['application/json'])
  }
})

t.test('unknown routes are 404, wrong methods 405 with Allow, all problem+json', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject({ url: '/v2/topics' })
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { type: '/problems/not-found', instance: '/v2/topics' })
  const post = await app.inject({ method: 'POST', url: '/v1/topics/symptoms', payload: {} })
  t.equal(post.statusCode, 405)
  t.equal(post.headers.allow, 'GET, HEAD')
  t.match(post.headers['content-type'], /^application\/problem\+json/)
  const del = await app.inject({ method: 'DELETE', url: '/v1/topics' })
  t.equal(del.statusCode, 405)
  const head = await app.inject({ method: 'HEAD', url: '/v1/topics/symptoms' })
  t.equal(head.statusCode, 200)
  t.equal(head.body, '')
})

t.test('problem types resolve to an explanation', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/problems/not-acceptable' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { type: '/problems/not-acceptable', description: /Accept/ })
  const unknown = await app.inject({ url: '/problems/whatever' })
  t.equal(unknown.statusCode, 404)
  t.ok(unknown.json().allowed.includes('invalid-parameter'))
})

t.test('ETag and If-None-Match: 304 for what the client has', async (t) => {
  const app = await buildTestApp(t)
  const first = await app.inject({ url: '/v1/topics/treatments?lang=tr' })
  const etag = first.headers.etag as string
  t.match(etag, /^"[\w-]{32}"$/)
  t.match(first.headers['cache-control'], /public, max-age=\d+, stale-while-revalidate=\d+/)
  const again = await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { 'if-none-match': `"other", ${etag}` } })
  t.equal(again.statusCode, 304)
  t.equal(again.body, '')
  t.equal((await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { 'if-none-match': '*' } })).statusCode, 304)
  t.equal((await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { 'if-none-match': `W/${etag}` } })).statusCode, 304)
  const other = await app.inject({ url: '/v1/topics/treatments?lang=en', headers: { 'if-none-match': etag } })
  t.equal(other.statusCode, 200, 'each language is its own representation')
  t.not(other.headers.etag, etag)
})

t.test('GET /v1/meta describes the release', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/meta' })
  t.equal(res.statusCode, 200)
  t.match(res.json(), {
    lang: 'en',
    contentVersion: '2000.01.01',
    contentHash: /^[0-9a-f]{64}$/,
    schemaVersion: DATABASE_SCHEMA_VERSION,
    languages: ['en', 'tr'],
    counts: { topics: TOPIC_IDS.length, references: 2, symptom: 2, gene: 1, treatment: 1 },
    provenance: { publisher: 'ALS Reference API contributors', attribution: /CC BY 4\.0/ },
    links: { docs: `${BASE_URL}/docs`, openapi: `${BASE_URL}/openapi.json` }
  })
  const fixture = loadContent(FIXTURE_CONTENT)
  if (!fixture.ok) throw new Error('fixture content invalid')
  const statements = Object.values(fixture.content.topics).reduce((n, topic) => n + topic.sections.reduce((m, section) => m + section.statements.length, 0), 0)
  t.equal(res.json().counts.statements, statements, 'every statement of the fixture is counted')
})

t.test('/health and /ready', async (t) => {
  const app = await buildTestApp(t)
  const health = await app.inject({ url: '/health' })
  t.equal(health.statusCode, 200)
  t.same(health.json(), { status: 'ok' })
  t.equal(health.headers['cache-control'], 'no-store')
  const ready = await app.inject({ url: '/ready' })
  t.same(ready.json(), { status: 'ready', contentVersion: '2000.01.01' })
})

t.test('/ready answers 503 problem+json with a request id when the database fails', async (t) => {
  const app = await buildTestApp(t)
  app.content.close()
  const res = await app.inject({ url: '/ready', headers: { 'x-request-id': 'req-123' } })
  t.equal(res.statusCode, 503)
  t.equal(res.headers['retry-after'], '5')
  t.match(res.json(), { type: '/problems/service-unavailable', status: 503, detail: 'The content database does not answer.', requestId: 'req-123' })
  t.notMatch(res.body, /sqlite|stack|at /i, 'no internals leak')
})

t.test('an unexpected error is a masked 500 with the request id', async (t) => {
  const app = await buildTestApp(t)
  // Routes cannot be added once the app has started (the first inject starts it).
  app.get('/boom', async () => { throw new Error('secret internals at /etc/passwd') })
  app.content.close()
  const res = await app.inject({ url: '/v1/topics/symptoms?sections=early', headers: { 'x-request-id': 'req-456' } })
  t.equal(res.statusCode, 200, 'prepared representations need no database')
  const boom = await app.inject({ url: '/boom', headers: { 'x-request-id': 'req-456' } })
  t.equal(boom.statusCode, 500)
  t.same(boom.json(), { type: '/problems/internal-error', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred.', instance: '/boom', requestId: 'req-456' })
})

t.test('the app refuses a database it cannot use', async (t) => {
  const dir = tempDir(t)
  await t.rejects(buildApp({ databasePath: join(dir, 'missing.db'), baseUrl: BASE_URL }), /database file not found: .*missing\.db \(run "npm run seed"/)
  writeFileSync(join(dir, 'garbage.db'), 'this is not a database, just some text that is long enough'.repeat(20))
  await t.rejects(buildApp({ databasePath: join(dir, 'garbage.db'), baseUrl: BASE_URL }), /database .*garbage\.db cannot be read: file is not a database/)
})
