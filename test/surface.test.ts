/**
 * A forgiving, consistent surface: `lang` in any case and with a region, repeated and unknown query parameters,
 * validation errors in words, the index at / and /v1, labels of enumerated values, and `include=references`.
 */
import t from 'tap'
import Fastify from 'fastify'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'
import { LANGUAGES } from '../schemas/common.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'
import { INDEX_LINKS } from '../schemas/home.ts'
import { normalizeLanguage, chooseLanguage } from '../src/http/negotiate.ts'
import query, { acceptedParameters } from '../src/plugins/query.ts'
import { reasonFor } from '../src/plugins/errors.ts'
import { VOCABULARIES } from '../src/render/labels.ts'
import { INDEX_CSP } from '../src/routes/home.ts'

t.test('one language normaliser: any case, with a region, with - or _', async (t) => {
  for (const tag of ['tr', 'TR', 'Tr', 'tr-TR', 'tr_TR', 'TR-tr', 'tr-Latn-TR']) t.equal(normalizeLanguage(tag), 'tr', tag)
  for (const tag of ['en', 'EN', 'en-GB', 'en_US']) t.equal(normalizeLanguage(tag), 'en', tag)
  for (const tag of ['', 'fr', 'de-DE', 't', 'tr-', 'tr TR', 'turkish', '*']) t.equal(normalizeLanguage(tag), undefined, JSON.stringify(tag))
  t.equal(chooseLanguage(undefined, 'fr, TR-tr;q=0.8'), 'tr', 'Accept-Language goes through it too')
})

t.test('?lang= is normalised on every route that takes it, embed and oEmbed included', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  for (const lang of ['TR', 'tr-TR', 'tr_TR', 'tR']) {
    for (const url of [`/v1/topics?lang=${lang}`, `/v1/topics/symptoms?lang=${lang}`, `/v1/symptoms?lang=${lang}`, `/v1/treatments/riluzole?lang=${lang}`,
      `/v1/search?q=riluzol&lang=${lang}`, `/v1/meta?lang=${lang}`, `/v1/labels?lang=${lang}`, `/v1?lang=${lang}`]) {
      const res = await app.inject({ url })
      t.equal(res.statusCode, 200, url)
      t.equal(res.headers['content-language'], 'tr', url)
      t.equal(res.json().lang, 'tr', url)
    }
    const embed = await app.inject({ url: `/embed/topics/symptoms?lang=${lang}` })
    t.equal(embed.statusCode, 200)
    t.match(embed.body, /<html lang="tr"/, `embed ?lang=${lang}`)
    const oembed = await app.inject({ url: `/oembed?url=${encodeURIComponent(`http://api.test/embed/topics/symptoms?lang=${lang}`)}` })
    t.equal(oembed.statusCode, 200)
    t.match(oembed.json().html, /lang=tr/, `oEmbed of a URL with lang=${lang}`)
  }
  const french = await app.inject({ url: '/v1/topics?lang=fr-FR' })
  t.equal(french.statusCode, 400)
  t.match(french.json(), { invalidParams: [{ name: 'lang', reason: 'must be one of: en, tr' }], allowed: ['en', 'tr'] })
})

t.test('oEmbed takes a URL relative to the server; a URL that cannot be read is a 404', async (t) => {
  const app = await buildTestApp(t)
  const relative = await app.inject({ url: '/oembed?url=%2Fembed%2Ftopics%2Fsymptoms%3Flang%3Dtr&format=json' })
  t.equal(relative.statusCode, 200)
  t.match(relative.json().html, /src="http:\/\/api\.test\/embed\/topics\/symptoms\?lang=tr/)
  const broken = await app.inject({ url: `/oembed?url=${encodeURIComponent('http://[broken')}` })
  t.equal(broken.statusCode, 404)
  t.match(broken.headers['content-type'], /^application\/problem\+json/)
})

t.test('a repeated query parameter is a clear 400', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/v1/topics?lang=tr&lang=en', '/v1/topics/symptoms?sections=a&sections=b&sections=c', '/v1/symptoms?limit=1&limit=2', '/embed/topics/symptoms?theme=dark&theme=light']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 400, url)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    const name = /\?(\w+)=/.exec(url)?.[1] as string
    t.match(res.json(), {
      type: '/problems/invalid-parameter',
      detail: new RegExp(`Query parameter "${name}" is given \\d times; give it once`),
      invalidParams: [{ name, in: 'query', reason: /is given \d times; give it once/ }]
    }, url)
  }
})

t.test('an unknown query parameter is a 400 naming the accepted ones, derived from each route\'s schema', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/topics?language=tr' })
  t.equal(res.statusCode, 400)
  t.same(res.json(), {
    type: '/problems/invalid-parameter',
    title: 'Bad Request',
    status: 400,
    detail: 'Unknown query parameter "language". This resource accepts: lang.',
    instance: '/v1/topics',
    invalidParams: [{ name: 'language', in: 'query', reason: 'is not a known parameter' }],
    allowed: ['lang']
  })
  const two = await app.inject({ url: '/v1/treatments?state=approved&sort=name&lang=tr' })
  t.equal(two.statusCode, 400)
  t.match(two.json(), { detail: /^Unknown query parameters "state", "sort"\. This resource accepts: lang, status, kind, agency, limit, offset, fields, include\.$/ })
  t.same(two.json().invalidParams.map((param: { name: string }) => param.name), ['state', 'sort'])
  t.equal((await app.inject({ url: '/v1/search?q=als&qq=1' })).statusCode, 400)
  t.equal((await app.inject({ url: '/embed/topics/symptoms?colour=red' })).statusCode, 400)
  t.equal((await app.inject({ method: 'HEAD', url: '/v1/topics?language=tr' })).statusCode, 400, 'HEAD too')
  // Routes without a query schema are left alone: a cache-busting query on a script or a probe keeps working.
  for (const url of ['/embed.js?v=2', '/health?probe=1', '/docs/?x=1']) t.equal((await app.inject({ url })).statusCode, 200, url)
})

t.test('the query check is added to every route with a query schema, beside its own hooks; arrays may repeat', async (t) => {
  t.same(acceptedParameters({}), { names: [], repeatable: new Set() })
  const app = Fastify()
  t.teardown(() => app.close())
  await app.register(query)
  let ownHook = 0
  app.get('/x', {
    schema: { querystring: { type: 'object', properties: { tag: { type: 'array', items: { type: 'string' } }, lang: { type: 'string' } } } },
    preValidation: async () => { ownHook++ }
  }, async (request) => request.query)
  // A route that declares an open query (a protocol with many optional parameters) takes anything; lang is normalised.
  app.get('/open', { schema: { querystring: { type: 'object', properties: { lang: { type: 'string' } }, additionalProperties: true } } }, async (request) => request.query)
  const res = await app.inject({ url: '/x?tag=a&tag=b&lang=TR' })
  t.equal(res.statusCode, 200)
  t.same(res.json(), { tag: ['a', 'b'], lang: 'tr' })
  t.equal(ownHook, 1, 'the route\'s own preValidation still runs')

  const open = await app.inject({ url: '/open?lang=tr_TR&anything=1&x=a&x=b' })
  t.equal(open.statusCode, 200)
  t.same(open.json(), { lang: 'tr', anything: '1', x: ['a', 'b'] })
})

t.test('validation errors speak words, never a regular expression', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, string, string]> = [
    ['/v1/symptoms?hpo=HP:12', 'hpo', 'must be an HPO id: "HP:" and seven digits (for example "HP:0002380")'],
    ['/v1/symptoms?fields=name,2', 'fields', 'must be field names (letters only), separated by commas (for example "name,region")'],
    ['/v1/topics/symptoms?sections=Early', 'sections', 'must be ids of lowercase letters, digits and hyphens, separated by commas (for example "early-symptoms,breathing")'],
    ['/v1/symptoms?limit=1.5', 'limit', 'must be a whole number'],
    ['/v1/symptoms?limit=0', 'limit', 'must be at least 1'],
    ['/v1/symptoms?limit=101', 'limit', 'must be at most 100'],
    ['/v1/references?year=1700', 'year', 'must be at least 1800'],
    ['/v1/search?q=', 'q', 'must not be empty'],
    [`/v1/search?q=${'a'.repeat(201)}`, 'q', 'must be at most 200 characters long'],
    ['/v1/lookup?system=icd10', 'code', 'is required']
  ]
  for (const [url, name, reason] of cases) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { invalidParams: [{ name, in: 'query', reason }] }, url)
    t.notMatch(res.body, /\^|\(\?:|\\d|must match/, `${url}: no regular expression`)
  }
  const issue = (keyword: string, params: Record<string, unknown>, message?: string) => ({ instancePath: '/x', keyword, params, ...(message === undefined ? {} : { message }) })
  t.equal(reasonFor(issue('pattern', { pattern: '^[a-z]{3}$' })), 'is not in the accepted form', 'an unknown pattern: words, no example')
  t.equal(reasonFor(issue('pattern', { pattern: '^[a-z]{3}$' }), { examples: ['abc'] }), 'is not in the accepted form (for example "abc")')
  t.equal(reasonFor(issue('format', { format: 'date' })), 'must be a date written YYYY-MM-DD')
  t.equal(reasonFor(issue('format', { format: 'uri' })), 'must be an absolute URL')
  t.equal(reasonFor(issue('format', { format: 'date-time' })), 'must be a date and time (ISO 8601)')
  t.equal(reasonFor(issue('format', { format: 'ipv6' })), 'is not in the accepted form')
  t.equal(reasonFor(issue('type', { type: 'string' })), 'must be a string')
  t.equal(reasonFor(issue('minLength', { limit: 3 })), 'must be at least 3 characters long')
  t.equal(reasonFor(issue('maxLength', { limit: 1 })), 'must be at most 1 character long')
  t.equal(reasonFor(issue('multipleOf', { multipleOf: 2 }, 'must be multiple of 2')), 'must be multiple of 2')
  t.equal(reasonFor(issue('multipleOf', {})), 'is invalid')
})

t.test('GET / and GET /v1: an index of the API, JSON for programs, HTML for browsers', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  for (const url of ['/', '/v1', '/v1/']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], /^application\/json/)
    t.match(res.headers.vary, /Accept, Accept-Language/)
    const body = res.json()
    t.same(Object.keys(body.links), [...INDEX_LINKS])
    t.match(body.links, { topics: 'http://api.test/v1/topics', questions: 'http://api.test/v1/questions', docs: 'http://api.test/docs', openapi: 'http://api.test/openapi.json', meta: 'http://api.test/v1/meta', search: 'http://api.test/v1/search' })
    t.same(body.topics.map((topic: { id: string }) => topic.id), [...TOPIC_IDS])
    t.equal(body.name, 'ALS Reference API')
  }
  // Each link the index gives leads somewhere (questions is another part of the API, served when it is merged).
  const index = (await app.inject({ url: '/v1' })).json()
  for (const [name, link] of Object.entries(index.links as Record<string, string>)) {
    if (name === 'questions') continue
    const path = link.replace('http://api.test', '')
    const res = await app.inject({ url: name === 'search' ? `${path}?q=als` : name === 'lookup' ? `${path}?system=icd10&code=G12.2` : name === 'oembed' ? `${path}?url=%2Fv1%2Ftopics%2Fsymptoms` : path })
    t.ok(res.statusCode === 200 || res.statusCode === 302, `${name}: ${path} → ${res.statusCode}`)
  }

  const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
  const html = await app.inject({ url: '/', headers: { accept: browser, 'accept-language': 'tr-TR,tr;q=0.9' } })
  t.equal(html.statusCode, 200)
  t.match(html.headers['content-type'], /^text\/html/)
  t.equal(html.headers['content-language'], 'tr')
  t.equal(html.headers['content-security-policy'], INDEX_CSP, 'its own CSP: no script, its one style by hash')
  t.match(html.body, /<html lang="tr">/)
  const definitionTr = (await app.inject({ url: '/v1?lang=tr' })).json().topics[0].title as string
  t.ok(html.body.includes(`<a href="http://api.test/v1/topics/definition?lang=tr">${definitionTr}</a>`), 'each topic, by its title in the language')
  t.match(html.body, /<a href="http:\/\/api\.test\/docs">/)
  t.match(html.body, /<a href="http:\/\/api\.test\/v1\/questions">/)
  t.match(html.body, /<code>\/openapi\.json<\/code>/)
  t.notMatch(html.body, /<script/)
  const again = await app.inject({ url: '/', headers: { accept: browser, 'accept-language': 'tr', 'if-none-match': html.headers.etag as string } })
  t.equal(again.statusCode, 304)
  const english = await app.inject({ url: '/v1?lang=en', headers: { accept: 'text/html' } })
  t.match(english.body, /<html lang="en">/)
  t.ok(english.body.includes(`<a href="http://api.test/v1/topics/definition?lang=en">${index.topics[0].title as string}</a>`))

  const none = await app.inject({ url: '/v1', headers: { accept: 'text/plain' } })
  t.equal(none.statusCode, 406)
  t.same(none.json().allowed, ['application/json', 'text/html'])
})

t.test('labels: every enumerated value a reader sees has a label in both languages', async (t) => {
  const app = await buildTestApp(t)
  await app.ready()
  for (const [id, vocabulary] of Object.entries(VOCABULARIES)) {
    for (const [value, label] of Object.entries(vocabulary.labels)) {
      for (const lang of LANGUAGES) t.ok(label[lang].trim().length > 0, `${id}.${value} has a ${lang} label`)
    }
  }
  // Generic over the spec: any enumeration in a response (today's or a later route's) needs a vocabulary.
  const spec = app.swagger() as { components: unknown }
  const enums = new Map<string, string>()
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) { node.forEach((child) => walk(child, path)); return }
    if (node === null || typeof node !== 'object') return
    const values = (node as { enum?: unknown }).enum
    if (Array.isArray(values) && values.length > 1) enums.set(JSON.stringify(values), path)
    for (const [key, child] of Object.entries(node)) walk(child, `${path}.${key}`)
  }
  walk(spec.components, 'components')
  // Values for programs, not shown to readers: languages, topic ids, where a bad parameter is, and how search read
  // the query (which language source, whether every word matched).
  const notForReaders = [[...LANGUAGES], [...TOPIC_IDS], ['query', 'path', 'header', 'body'], ['query', 'accept-language', 'detected', 'default'], ['all', 'any']].map((values) => JSON.stringify(values))
  for (const [key, path] of enums) {
    if (notForReaders.includes(key)) continue
    const values = JSON.parse(key) as string[]
    const covered = Object.values(VOCABULARIES).some((vocabulary) => values.every((value) => Object.hasOwn(vocabulary.labels, value)))
    t.ok(covered, `the values of ${path} (${values.join(', ')}) have labels in /v1/labels`)
  }
  t.ok(enums.size >= 15, `${enums.size} enumerations checked`)

  const tr = await app.inject({ url: '/v1/labels?lang=tr' })
  t.equal(tr.statusCode, 200)
  t.match(tr.json(), {
    lang: 'tr',
    vocabularies: {
      bodyRegion: { usedBy: ['symptom.region'], labels: { bulbar: 'Bulber' } },
      treatmentStatus: { labels: { approved: 'Onaylı', investigational: 'Araştırma aşamasında' } },
      evidence: { labels: { established: 'Kanıtlanmış' } },
      inheritance: { labels: { 'autosomal-dominant': 'Otozomal dominant' } },
      region: { labels: { europe: 'Avrupa' } }
    },
    provenance: { contentVersion: String }
  })
  const en = await app.inject({ url: '/v1/labels', headers: { 'accept-language': 'en' } })
  t.match(en.json(), { lang: 'en', vocabularies: { bodyRegion: { labels: { bulbar: 'Bulbar' } } } })
  t.same(Object.keys(en.json().vocabularies), Object.keys(VOCABULARIES))
})

t.test('include=references: an entity\'s references resolved inline, in one request', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const citationsIn = (node: unknown, found = new Set<string>()): Set<string> => {
    if (Array.isArray(node)) node.forEach((child) => citationsIn(child, found))
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'citations') for (const id of child as string[]) found.add(id)
        else if (key !== 'references') citationsIn(child, found)
      }
    }
    return found
  }
  for (const url of ['/v1/treatments/riluzole', '/v1/genes/SOD1', '/v1/symptoms/fasciculations', '/v1/statistics/incidence-europe-eurals']) {
    const plain = await app.inject({ url })
    t.equal(plain.statusCode, 200, url)
    t.notOk('references' in plain.json(), `${url}: no references unless asked`)
    const res = await app.inject({ url: `${url}?include=references&lang=tr` })
    t.equal(res.statusCode, 200, url)
    const body = res.json()
    t.same(body.references.map((reference: { id: string }) => reference.id), [...citationsIn(body)], `${url}: every cited reference, in order of first citation`)
    t.same(body.references.map((reference: { number: number }) => reference.number), body.references.map((_: unknown, index: number) => index + 1))
    t.match(body.references[0], { citation: String, links: Object })
    t.not(res.headers.etag, plain.headers.etag)
  }
  const riluzole = (await app.inject({ url: '/v1/treatments/riluzole?include=references' })).json()
  t.ok(riluzole.references.some((reference: { id: string }) => reference.id === 'fda-drugsatfda-rilutek'), 'the approvals\' citations are resolved too')

  const list = await app.inject({ url: '/v1/genes?fields=symbol&include=references&limit=3' })
  t.equal(list.statusCode, 200)
  for (const item of list.json().items) {
    t.same(Object.keys(item), ['id', 'symbol', 'references'])
    t.ok(item.references.length > 0)
  }
  t.notOk('references' in (await app.inject({ url: '/v1/genes?limit=1' })).json().items[0])
  const fieldsReferences = await app.inject({ url: '/v1/genes?fields=references' })
  t.equal(fieldsReferences.statusCode, 400, '`references` is not a field to pick: include=references asks for it')
  const statement = await app.inject({ url: '/v1/statements/riluzole-survival-gain?include=references' })
  t.equal(statement.statusCode, 200)
  t.ok(statement.json().references.length > 0)
  const bad = await app.inject({ url: '/v1/treatments/riluzole?include=everything' })
  t.equal(bad.statusCode, 400)
  t.match(bad.json(), { invalidParams: [{ name: 'include', reason: 'must be one of: references' }] })
})

t.test('Swagger UI names the API: title, favicon, logo linking to the index; the guides head the description', async (t) => {
  const app = await buildTestApp(t)
  const page = await app.inject({ url: '/docs/' })
  t.match(page.body, /<title>ALS Reference API — documentation<\/title>/)
  t.notMatch(page.body, /<title>Swagger UI<\/title>/)
  t.match(page.body, /<link rel="icon" type="image\/svg\+xml" href="\.\/static\/theme\/favicon\.svg"/)
  t.notMatch(page.body, /favicon-32x32\.png/, 'not Swagger\'s icon')
  const icon = await app.inject({ url: '/docs/static/theme/favicon.svg' })
  t.equal(icon.statusCode, 200)
  t.match(icon.headers['content-type'], /^image\/svg\+xml/)
  t.match(icon.body, /^<svg /)
  const initializer = await app.inject({ url: '/docs/static/swagger-initializer.js' })
  const logo = /img\.src = 'data:image\/svg\+xml;base64,([^']+)'/.exec(initializer.body)?.[1]
  t.ok(logo, 'the top bar\'s logo is replaced')
  t.match(Buffer.from(logo as string, 'base64').toString(), /ALS Reference API<\/text>/)
  t.match(initializer.body, /img\.href = '\/v1'/)
  const description = (app.swagger() as { info: { description: string } }).info.description
  t.match(description, /## Guides/)
  for (const link of ['(/v1)', '(/v1/labels)', '(/openapi.yaml)', '(/problems/invalid-parameter)']) t.ok(description.includes(link), `the guides link ${link}`)
})
