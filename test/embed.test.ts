import t from 'tap'
import { buildTestApp, BASE_URL } from './helpers.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'
import { EMBED_CSP, escapeHtml, jsonForScript, renderTopicPage } from '../src/render/html.ts'
import { topicJsonLd } from '../src/render/jsonld.ts'
import { OEMBED_HEIGHT, OEMBED_WIDTH } from '../src/routes/embed.ts'
import { ALLOWED_HEADERS } from '../src/plugins/security.ts'

const jsonLdOf = (html: string): unknown => {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)
  if (match?.[1] === undefined) throw new Error('no JSON-LD in the page')
  return JSON.parse(match[1])
}

t.test('escapeHtml escapes the five HTML specials; jsonForScript cannot close its script element', async (t) => {
  t.equal(escapeHtml('<a href="x" title=\'y\'>&</a>'), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  t.equal(escapeHtml(42), '42')
  const json = jsonForScript({ text: '</script><script>alert(1)</script>\u2028\u2029' })
  t.notMatch(json, /<\/script/i)
  t.same(JSON.parse(json), { text: '</script><script>alert(1)</script>\u2028\u2029' })
})

t.test('GET /embed/topics/symptoms: a self-contained, escaped, cited page with a strict CSP, framable anywhere', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/embed/topics/symptoms' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(res.headers['content-language'], 'en')
  t.equal(res.headers['content-security-policy'], EMBED_CSP)
  t.match(res.headers['content-security-policy'], /frame-ancestors \*/)
  t.match(res.headers['content-security-policy'], /default-src 'none'/)
  t.notOk(res.headers['x-frame-options'], 'no X-Frame-Options: the page is framable from any origin')
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.equal(res.headers.link, `<${BASE_URL}/oembed?url=${encodeURIComponent(`${BASE_URL}/embed/topics/symptoms?lang=en&theme=light`)}&format=json>; rel="alternate"; type="application/json+oembed"`)
  t.ok(res.headers.etag)
  const html = res.body
  t.match(html, /^<!doctype html><html lang="en">/)
  t.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/)
  t.match(html, /<h1>Symptoms<\/h1>/)
  t.match(html, /<h2 id="s-early">Early symptoms<\/h2>/)
  t.match(html, 'Fixture symptom statement with &lt;b&gt;markup&lt;/b&gt; &amp; quotes &quot;x&quot;.', 'content text is escaped')
  t.notMatch(html, '<b>markup</b>')
  t.match(html, '<sup><a href="#ref-1" aria-label="Reference 1">[1]</a></sup><sup><a href="#ref-2" aria-label="Reference 2">[2]</a></sup>')
  t.match(html, /<li id="ref-1" value="1">Author A, .*<a href="https:\/\/doi.org\/10.1000\/fixture.1" target="_blank" rel="noopener noreferrer">/)
  t.match(html, /<li id="ref-2" value="2">Fixture Body\./)
  t.match(html, 'Last reviewed: <time datetime="2026-01-02">2026-01-02</time>')
  t.match(html, /<p class="disclaimer" role="note"><strong>Not medical advice\.<\/strong> For information only; not medical advice\./)
  t.match(html, /rel="license noopener noreferrer">Creative Commons Attribution 4.0 International<\/a>/)
  t.match(html, `<a href="${BASE_URL}/v1/topics/symptoms?lang=en" target="_blank" rel="noopener">Read the full topic`, 'a link back')
  t.match(html, `<link rel="alternate" type="application/json+oembed" href="${BASE_URL}/oembed?url=${encodeURIComponent(`${BASE_URL}/embed/topics/symptoms?lang=en&theme=light`)}&amp;format=json" title="Symptoms">`)
  t.match(html, '<script src="/embed/resize.js" defer></script>')
  t.notMatch(html, /<script>/, 'no inline script')
  t.notMatch(html, /style="/, 'no inline style attributes (the CSP allows inline style elements only)')
  t.match(html, /--bg:#ffffff/)
  const jsonLd = await app.inject({ url: '/v1/topics/symptoms', headers: { accept: 'application/ld+json' } })
  t.same(jsonLdOf(html), jsonLd.json(), 'the page carries the topic\'s JSON-LD')

  const again = await app.inject({ url: '/embed/topics/symptoms', headers: { 'if-none-match': res.headers.etag as string } })
  t.equal(again.statusCode, 304)
})

t.test('embed pages: Turkish by ?lang= or Accept-Language, dark theme, a subset of sections, every topic', async (t) => {
  const app = await buildTestApp(t)
  const tr = await app.inject({ url: '/embed/topics/symptoms?lang=tr&theme=dark' })
  t.equal(tr.statusCode, 200)
  t.equal(tr.headers['content-language'], 'tr')
  t.match(tr.body, /<html lang="tr">/)
  t.match(tr.body, /<h1>Belirtiler<\/h1>/)
  t.match(tr.body, 'Son gözden geçirme: <time')
  t.match(tr.body, /Tıbbi tavsiye değildir\./)
  t.match(tr.body, /--bg:#121212/)
  t.match(tr.body, /color-scheme:dark/)
  t.match(jsonLdOf(tr.body), { inLanguage: 'tr', name: 'Belirtiler' })

  const byHeader = await app.inject({ url: '/embed/topics/symptoms', headers: { 'accept-language': 'tr-TR,tr;q=0.9' } })
  t.equal(byHeader.headers['content-language'], 'tr')
  t.equal(byHeader.headers.vary, 'Accept-Language, Accept-Encoding')

  const subset = await app.inject({ url: '/embed/topics/definition?sections=overview&theme=dark' })
  t.equal(subset.statusCode, 200)
  t.match(subset.body, /<h2 id="s-overview">Overview<\/h2>/)
  t.match(subset.body, /--bg:#121212/)
  t.equal(subset.headers['content-security-policy'], EMBED_CSP)

  for (const id of TOPIC_IDS) {
    for (const lang of ['en', 'tr']) {
      const res = await app.inject({ url: `/embed/topics/${id}?lang=${lang}` })
      t.equal(res.statusCode, 200, `${id} ${lang}`)
      t.match(jsonLdOf(res.body), { '@type': 'MedicalWebPage', inLanguage: lang }, `${id} ${lang} JSON-LD`)
    }
  }
  const references = await app.inject({ url: '/embed/topics/references' })
  t.match(references.body, /<h2 id="refs">References<\/h2><ol class="refs"><li id="ref-1"/)
})

t.test('embed page errors: unknown topic 404, bad theme, lang or sections 400', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject({ url: '/embed/topics/nope' })
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { type: '/problems/not-found', allowed: TOPIC_IDS })
  for (const [query, name] of [['theme=blue', 'theme'], ['lang=de', 'lang'], ['sections=Bad!', 'sections']]) {
    const res = await app.inject({ url: `/embed/topics/symptoms?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.json(), { type: '/problems/invalid-parameter', invalidParams: [{ name, in: 'query' }] })
  }
  const unknown = await app.inject({ url: '/embed/topics/symptoms?sections=early,nope' })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json(), { detail: /unknown section nope in topic "symptoms"/, allowed: ['early'] })
  const two = await app.inject({ url: '/embed/topics/symptoms?sections=nope,zilch' })
  t.match(two.json(), { detail: /unknown sections nope, zilch/ })
})

t.test('renderTopicPage: a topic without references, and references without links', async (t) => {
  const app = await buildTestApp(t)
  const topic = app.content.topic('definition', 'en')
  const options = { theme: 'light' as const, pageUrl: 'p', oembedUrl: 'o', sourceUrl: 's', resizeScriptUrl: '/r.js', jsonLd: {} }
  t.notMatch(renderTopicPage({ ...topic, references: [] }, options), /References/)
  const bare = renderTopicPage({ ...topic, references: topic.references.map((reference) => ({ ...reference, links: {} })) }, options)
  t.match(bare, /<li id="ref-1" value="1">[^<]*<\/li>/, 'no link when a reference has none')
})

t.test('/embed.js and /embed/resize.js: small scripts, no globals, no cookies', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/embed.js', '/embed/resize.js']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.equal(res.headers['content-type'], 'text/javascript; charset=utf-8')
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.equal(res.headers['access-control-allow-origin'], '*')
    t.ok(res.headers.etag)
    t.match(res.body, /^\(function \(\) \{\n {2}'use strict';/, 'one strict IIFE: no globals')
    t.notMatch(res.body, /cookie|localStorage|eval\(/i)
    t.ok(res.body.length < 4000, 'small')
    const cached = await app.inject({ url, headers: { 'if-none-match': res.headers.etag as string } })
    t.equal(cached.statusCode, 304)
  }
  const embed = await app.inject({ url: '/embed.js' })
  t.match(embed.body, /event\.origin !== origin/, 'messages are origin-checked')
  t.match(embed.body, /contentWindow === event\.source/, 'and matched to their own iframe')
  t.match(embed.body, /data-als-topic/)
})

t.test('GET /oembed: a rich oEmbed 1.0 response for topic and embed URLs, within maxwidth/maxheight', async (t) => {
  const app = await buildTestApp(t)
  const oembed = async (url: string, extra = '') => app.inject({ url: `/oembed?url=${encodeURIComponent(url)}${extra}` })
  const res = await oembed(`${BASE_URL}/embed/topics/symptoms?lang=tr&theme=dark`, '&format=json')
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(res.headers['access-control-allow-origin'], '*')
  const body = res.json()
  t.match(body, {
    version: '1.0',
    type: 'rich',
    title: 'Belirtiler',
    provider_name: 'ALS Reference API',
    provider_url: BASE_URL,
    width: OEMBED_WIDTH,
    height: OEMBED_HEIGHT,
    license_url: 'https://creativecommons.org/licenses/by/4.0/'
  })
  t.equal(body.html, `<iframe src="${BASE_URL}/embed/topics/symptoms?lang=tr&amp;theme=dark" width="${OEMBED_WIDTH}" height="${OEMBED_HEIGHT}" title="Belirtiler" style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`)

  const small = (await oembed(`${BASE_URL}/v1/topics/treatments`, '&maxwidth=320&maxheight=480')).json()
  t.match(small, { title: 'Treatments', width: 320, height: 480 })
  t.match(small.html, `src="${BASE_URL}/embed/topics/treatments?lang=en&amp;theme=light" width="320" height="480"`)
  const large = (await oembed(`${BASE_URL}/v1/topics/treatments/`, '&maxwidth=5000&maxheight=5000')).json()
  t.match(large, { width: OEMBED_WIDTH, height: OEMBED_HEIGHT }, 'never larger than the default size')
})

t.test('GET /oembed errors: 404 for URLs it does not know, 501 for other formats, 400 for bad parameters', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['https://example.org/embed/topics/symptoms', `${BASE_URL}/embed/topics/nope`, `${BASE_URL}/v1/meta`, 'not a url', `${BASE_URL}/embed/topics/Symptoms`]) {
    const res = await app.inject({ url: `/oembed?url=${encodeURIComponent(url)}` })
    t.equal(res.statusCode, 404, url)
    t.match(res.json(), { type: '/problems/not-found', allowed: [`${BASE_URL}/embed/topics/definition`] })
  }
  for (const format of ['xml', 'JSON', 'html']) {
    const res = await app.inject({ url: `/oembed?url=${encodeURIComponent(`${BASE_URL}/embed/topics/symptoms`)}&format=${format}` })
    t.equal(res.statusCode, 501, format)
    t.match(res.json(), { type: '/problems/not-implemented', status: 501, allowed: ['json'] })
  }
  const problemType = await app.inject({ url: '/problems/not-implemented' })
  t.equal(problemType.statusCode, 200)
  for (const query of ['', '?maxwidth=100', `?url=${encodeURIComponent(`${BASE_URL}/embed/topics/symptoms`)}&maxwidth=0`, '?url=x&maxheight=abc']) {
    const res = await app.inject({ url: `/oembed${query}` })
    t.equal(res.statusCode, 400, query)
    t.equal(res.json().type, '/problems/invalid-parameter')
  }
})

t.test('content negotiation on /v1/topics/{topic}: JSON, JSON-LD, HTML, else 406', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, RegExp]> = [
    ['', /^application\/json; charset=utf-8$/],
    ['*/*', /^application\/json; charset=utf-8$/],
    ['application/json', /^application\/json; charset=utf-8$/],
    ['application/ld+json', /^application\/ld\+json; charset=utf-8$/],
    ['application/ld+json, application/json;q=0.5', /^application\/ld\+json; charset=utf-8$/],
    ['text/html', /^text\/html; charset=utf-8$/],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', /^text\/html; charset=utf-8$/]
  ]
  for (const [accept, type] of cases) {
    const res = await app.inject({ url: '/v1/topics/treatments', headers: { accept } })
    t.equal(res.statusCode, 200, accept)
    t.match(res.headers['content-type'], type, accept)
    t.equal(res.headers.vary, 'Accept, Accept-Language, Accept-Encoding')
  }
  const html = await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { accept: 'text/html' } })
  t.match(html.body, /<h1>Tedaviler<\/h1>/)
  t.equal(html.headers['content-security-policy'], EMBED_CSP)
  t.match(html.headers.link, /rel="alternate"; type="application\/json\+oembed"/)
  const htmlSubset = await app.inject({ url: '/v1/topics/definition?sections=overview', headers: { accept: 'text/html' } })
  t.match(htmlSubset.body, /<h2 id="s-overview">Overview<\/h2>/)
  const jsonSubset = await app.inject({ url: '/v1/topics/definition?sections=overview', headers: { accept: 'application/json' } })
  t.equal(jsonSubset.json().sections.length, 1)

  const jsonLd = await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { accept: 'application/ld+json' } })
  t.equal(jsonLd.headers['content-language'], 'tr')
  const cached = await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { accept: 'application/ld+json', 'if-none-match': jsonLd.headers.etag as string } })
  t.equal(cached.statusCode, 304)

  for (const accept of ['text/plain', 'application/xml', 'application/ld+json;q=0, text/html;q=0, application/json;q=0']) {
    const res = await app.inject({ url: '/v1/topics/treatments', headers: { accept } })
    t.equal(res.statusCode, 406, accept)
    t.same(res.json().allowed, ['application/json', 'application/ld+json', 'text/html'])
  }
})

t.test('JSON-LD: a MedicalWebPage about ALS as a MedicalCondition, with what each topic covers', async (t) => {
  const app = await buildTestApp(t)
  const get = async (id: string, lang = 'en') => (await app.inject({ url: `/v1/topics/${id}?lang=${lang}`, headers: { accept: 'application/ld+json' } })).json()
  const condition = {
    '@type': 'MedicalCondition',
    name: 'Fixture name',
    alternateName: ['FX'],
    code: [{ '@type': 'MedicalCode', codeValue: 'G12.2', codingSystem: 'ICD-10', name: 'Motor neuron disease' }, { '@type': 'MedicalCode', codeValue: 'D000690', codingSystem: 'MeSH' }]
  }
  const definition = await get('definition')
  t.match(definition, {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    url: `${BASE_URL}/v1/topics/definition?lang=en`,
    name: 'Definition',
    inLanguage: 'en',
    lastReviewed: '2026-01-01',
    about: condition,
    license: 'https://creativecommons.org/licenses/by/4.0/',
    publisher: { '@type': 'Organization', name: 'ALS Reference API contributors' },
    version: '2000.01.01'
  })
  t.match(definition.citation, [{ '@type': 'ScholarlyArticle' }, { '@type': 'CreativeWork', name: 'A fixture web page', url: 'https://example.org/fixture', datePublished: '2024' }])
  t.match((await get('symptoms')).about.signOrSymptom, [{ '@type': 'MedicalSignOrSymptom', name: 'Fasciculations', code: { '@type': 'MedicalCode', codeValue: 'HP:0002380', codingSystem: 'HPO' } }, { name: 'Difficulty swallowing' }])
  const epidemiology = (await get('epidemiology')).about
  t.equal(epidemiology.epidemiology, 'Incidence: 2 (1–3) per 100,000 person-years (Fixture population, 2000-2010)')
  t.same(epidemiology.riskFactor, [])
  t.match((await get('treatments')).about.possibleTreatment, [{
    '@type': 'Drug',
    name: 'Riluzole',
    mechanismOfAction: 'Fixture mechanism.',
    legalStatus: [{ '@type': 'DrugLegalStatus', name: 'FDA: approved (1995)', applicableLocation: { '@type': 'AdministrativeArea', name: 'United States' } }]
  }])
  const diagnosis = (await get('diagnosis', 'tr')).about
  t.match(diagnosis.typicalTest, [{ '@type': 'MedicalTest', name: 'Elektromiyografi' }])
  t.match(diagnosis.differentialDiagnosis, [{ '@type': 'DDxElement', diagnosis: { '@type': 'MedicalCondition', name: 'Multifokal motor nöropati' }, distinguishingSign: { '@type': 'MedicalSignOrSymptom', name: 'İleti bloğu.' } }])
  t.match((await get('symptoms')).citation[0], { '@type': 'ScholarlyArticle', sameAs: ['https://doi.org/10.1000/fixture.1', 'https://pubmed.ncbi.nlm.nih.gov/1000001/'] })
})

t.test('topicJsonLd: therapies that are not drugs, statistics without a range, codes with a URL', async (t) => {
  const app = await buildTestApp(t)
  const definition = app.content.topic('definition', 'en')
  const withUrl = { ...definition, data: { ...(definition.data as object), codes: [{ system: 'orphanet', code: '803', display: 'ALS', url: 'https://www.orpha.net/en/disease/detail/803', citations: ['ref-body'] }] } } as typeof definition
  t.match(topicJsonLd(definition, withUrl, { url: 'u' }).about, { code: [{ '@type': 'MedicalCode', codingSystem: 'Orphanet', url: 'https://www.orpha.net/en/disease/detail/803' }] })

  const treatments = app.content.topic('treatments', 'en')
  const supportive = { id: 'niv', name: 'Non-invasive ventilation', kind: 'supportive', status: 'standard-of-care', evidence: 'established', approvals: [], effect: 'e', description: 'd', citations: ['ref-article'] }
  const drugWithoutMechanism = { ...supportive, id: 'x', name: 'X', kind: 'drug', status: 'investigational' }
  const jsonLd = topicJsonLd({ ...treatments, data: { treatments: [supportive, drugWithoutMechanism] } } as typeof treatments, definition, { url: 'u' })
  t.same((jsonLd.about as { possibleTreatment: unknown[] }).possibleTreatment, [
    { '@type': 'MedicalTherapy', name: 'Non-invasive ventilation', description: 'd', status: 'standard-of-care' },
    { '@type': 'Drug', name: 'X', description: 'd', legalStatus: [] }
  ])

  const epidemiology = app.content.topic('epidemiology', 'en')
  const data = epidemiology.data as { statistics: Array<Record<string, unknown>> }
  const pointOnly = { ...epidemiology, data: { ...data, statistics: [{ ...data.statistics[0], low: undefined, high: undefined }] } } as typeof epidemiology
  t.match(topicJsonLd(pointOnly, definition, { url: 'u' }).about, { epidemiology: 'Incidence: 2 per 100,000 person-years (Fixture population, 2000-2010)' })
})

t.test('CORS: open for GET, preflights answered, other methods not allowed', async (t) => {
  const app = await buildTestApp(t)
  const get = await app.inject({ url: '/v1/topics', headers: { origin: 'https://example.org' } })
  t.equal(get.headers['access-control-allow-origin'], '*')
  t.match(get.headers['access-control-expose-headers'], /ETag/)
  t.notOk(get.headers['access-control-allow-credentials'])
  const problem = await app.inject({ url: '/v1/topics/nope', headers: { origin: 'https://example.org' } })
  t.equal(problem.headers['access-control-allow-origin'], '*', 'errors are readable cross-origin too')

  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/topics/symptoms',
    headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' }
  })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], '*')
  t.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD, OPTIONS')
  for (const header of ALLOWED_HEADERS) t.match(preflight.headers['access-control-allow-headers'], header, `preflight allows ${header}`)
  t.equal(preflight.headers['access-control-max-age'], '86400')

  const post = await app.inject({ method: 'POST', url: '/v1/topics', headers: { origin: 'https://example.org' } })
  t.equal(post.statusCode, 405, 'reading only: other methods are not allowed')
  t.equal(post.headers.allow, 'GET, HEAD')
})
