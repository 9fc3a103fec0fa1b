import t from 'tap'
import { buildTestApp, BASE_URL, REAL_CONTENT } from './helpers.ts'

type Json = Record<string, unknown> & { items: Array<Record<string, unknown>> }

t.test('entity lists share one envelope and are localised', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, string[]]> = [
    ['/v1/symptoms', ['fasciculations', 'dysphagia']],
    ['/v1/genes', ['sod1']],
    ['/v1/treatments', ['riluzole']],
    ['/v1/statistics', ['incidence-fixture']],
    ['/v1/references', ['ref-article', 'ref-body']]
  ]
  for (const [url, ids] of cases) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.match(res.headers['content-type'], /^application\/json/)
    t.equal(res.headers['content-language'], 'en')
    t.match(res.headers.etag, /^"[\w-]{32}"$/)
    const body = res.json() as Json
    t.same(body.items.map((item) => item.id), ids, url)
    t.match(body, { lang: 'en', total: ids.length, limit: 20, offset: 0, next: null, provenance: { contentVersion: '2000.01.01' } })
  }
  const tr = (await app.inject({ url: '/v1/symptoms', headers: { 'accept-language': 'tr' } })).json() as Json
  t.equal(tr.lang, 'tr')
  t.match(tr.items[1], { id: 'dysphagia', name: 'Yutma güçlüğü', topic: 'symptoms', links: { self: `${BASE_URL}/v1/symptoms/dysphagia` } })
  const treatments = (await app.inject({ url: '/v1/treatments?lang=tr' })).json() as Json
  t.match(treatments.items[0], { name: 'Riluzol', approvals: [{ agency: 'FDA', year: 1995 }], links: { self: `${BASE_URL}/v1/treatments/riluzole` } })
  const genes = (await app.inject({ url: '/v1/genes' })).json() as Json
  t.match(genes.items[0], { symbol: 'SOD1', links: { self: `${BASE_URL}/v1/genes/SOD1` } })
})

t.test('filters narrow the lists', async (t) => {
  const app = await buildTestApp(t)
  const ids = async (url: string) => ((await app.inject({ url })).json() as Json).items.map((item) => item.id)
  t.same(await ids('/v1/symptoms?region=bulbar'), ['dysphagia'])
  t.same(await ids('/v1/symptoms?region=respiratory'), [])
  t.same(await ids('/v1/symptoms?neuron=lower'), ['fasciculations'])
  t.same(await ids('/v1/symptoms?hpo=HP:0002015'), ['dysphagia'])
  t.same(await ids('/v1/symptoms?region=bulbar&neuron=lower'), [])
  t.same(await ids('/v1/genes?inheritance=autosomal-dominant'), ['sod1'])
  t.same(await ids('/v1/genes?inheritance=x-linked'), [])
  t.same(await ids('/v1/treatments?status=approved&kind=drug&agency=FDA'), ['riluzole'])
  t.same(await ids('/v1/treatments?agency=EMA'), [])
  t.same(await ids('/v1/treatments?status=withdrawn'), [])
  t.same(await ids('/v1/treatments?kind=cell-therapy'), [])
  t.same(await ids('/v1/statistics?measure=incidence&region=europe'), ['incidence-fixture'])
  t.same(await ids('/v1/statistics?region=asia'), [])
  t.same(await ids('/v1/statistics?measure=prevalence'), [])
  t.same(await ids('/v1/references?type=web-page'), ['ref-body'])
  t.same(await ids('/v1/references?year=2020'), ['ref-article'])
  t.same(await ids('/v1/references?year=1999'), [])
})

t.test('an unknown filter value is a 400 that lists the allowed values', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, string, string[] | undefined]> = [
    ['/v1/symptoms?region=head', 'region', ['bulbar', 'upper-limb', 'lower-limb', 'limb', 'trunk', 'respiratory', 'cognitive-behavioural', 'general']],
    ['/v1/symptoms?neuron=middle', 'neuron', ['upper', 'lower', 'both', 'not-applicable']],
    ['/v1/symptoms?hpo=HP:12', 'hpo', undefined],
    ['/v1/genes?inheritance=mitochondrial', 'inheritance', undefined],
    ['/v1/treatments?status=cured', 'status', ['approved', 'withdrawn', 'investigational', 'not-recommended', 'standard-of-care']],
    ['/v1/treatments?kind=herbal', 'kind', undefined],
    ['/v1/treatments?agency=ACME', 'agency', undefined],
    ['/v1/statistics?measure=mortality', 'measure', undefined],
    ['/v1/statistics?region=mars', 'region', undefined],
    ['/v1/references?type=tweet', 'type', undefined],
    ['/v1/references?year=soon', 'year', undefined],
    ['/v1/codes?system=icd9', 'system', undefined]
  ]
  for (const [url, name, allowed] of cases) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 400, url)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    const body = res.json()
    t.match(body, { type: '/problems/invalid-parameter', invalidParams: [{ name, in: 'query' }] }, url)
    if (allowed !== undefined) t.same(body.allowed, allowed, url)
    else if (name !== 'hpo' && name !== 'year') t.ok(Array.isArray(body.allowed) && body.allowed.length > 1, `${url} lists the allowed values`)
  }
})

t.test('pagination: limit, offset, total and a next link that keeps the other parameters', async (t) => {
  const app = await buildTestApp(t)
  const first = (await app.inject({ url: '/v1/symptoms?lang=tr&limit=1' })).json() as Json
  t.match(first, { total: 2, limit: 1, offset: 0, next: `${BASE_URL}/v1/symptoms?lang=tr&limit=1&offset=1` })
  t.same(first.items.map((item) => item.id), ['fasciculations'])
  const second = (await app.inject({ url: '/v1/symptoms?lang=tr&limit=1&offset=1' })).json() as Json
  t.match(second, { total: 2, limit: 1, offset: 1, next: null })
  t.same(second.items.map((item) => item.id), ['dysphagia'])
  const past = (await app.inject({ url: '/v1/symptoms?offset=10' })).json() as Json
  t.match(past, { total: 2, items: [], next: null })
  for (const query of ['limit=0', 'limit=101', 'limit=x', 'offset=-1', 'offset=1.5']) {
    const res = await app.inject({ url: `/v1/genes?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.json(), { invalidParams: [{ name: query.split('=')[0], in: 'query' }] })
  }
  t.equal((await app.inject({ url: '/v1/genes?limit=100' })).statusCode, 200)
})

t.test('fields= picks fields (id always comes); unknown fields are a 400 listing the known ones', async (t) => {
  const app = await buildTestApp(t)
  const picked = (await app.inject({ url: '/v1/symptoms?fields=name,region&lang=tr' })).json() as Json
  t.same(picked.items, [{ id: 'fasciculations', name: 'Fasikülasyonlar', region: 'limb' }, { id: 'dysphagia', name: 'Yutma güçlüğü', region: 'bulbar' }])
  const references = (await app.inject({ url: '/v1/references?fields=citation' })).json() as Json
  t.same(Object.keys(references.items[0] as object), ['id', 'citation'])
  const codes = (await app.inject({ url: '/v1/codes?fields=code&system=icd10' })).json() as Json
  t.same(codes.items, [{ code: 'G12.2' }])
  const unknown = await app.inject({ url: '/v1/genes?fields=symbol,colour,size' })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json(), { detail: /unknown fields colour, size/, invalidParams: [{ name: 'fields', in: 'query' }] })
  t.ok(unknown.json().allowed.includes('symbol'))
  const one = await app.inject({ url: '/v1/genes?fields=colour' })
  t.match(one.json(), { detail: /unknown field colour\./ })
  const bad = await app.inject({ url: '/v1/genes?fields=a;b' })
  t.equal(bad.statusCode, 400)
})

t.test('one entity by id, localised, with provenance; 404 lists what exists', async (t) => {
  const app = await buildTestApp(t)
  const symptom = await app.inject({ url: '/v1/symptoms/fasciculations?lang=tr' })
  t.equal(symptom.statusCode, 200)
  t.equal(symptom.headers['content-language'], 'tr')
  t.match(symptom.json(), { id: 'fasciculations', name: 'Fasikülasyonlar', lang: 'tr', topic: 'symptoms', provenance: { lastReviewed: '2026-01-02', disclaimer: /tıbbi/ } })
  t.match((await app.inject({ url: '/v1/treatments/riluzole' })).json(), { id: 'riluzole', name: 'Riluzole', status: 'approved', provenance: { lastReviewed: '2026-01-06' } })
  t.match((await app.inject({ url: '/v1/statistics/incidence-fixture?lang=tr' })).json(), { id: 'incidence-fixture', label: 'İnsidans', value: 2, low: 1, high: 3 })
  for (const symbol of ['SOD1', 'sod1', 'Sod1']) {
    const gene = await app.inject({ url: `/v1/genes/${symbol}` })
    t.equal(gene.statusCode, 200, symbol)
    t.match(gene.json(), { id: 'sod1', symbol: 'SOD1', hgnc: 'HGNC:11179', provenance: { lastReviewed: '2026-01-04' } })
  }
  const cases: Array<[string, RegExp, string[]]> = [
    ['/v1/symptoms/cramps', /no symptom "cramps"/, ['fasciculations', 'dysphagia']],
    ['/v1/genes/FUS', /no gene "FUS"/, ['SOD1']],
    ['/v1/treatments/edaravone', /no treatment "edaravone"/, ['riluzole']],
    ['/v1/statistics/nope', /no statistic "nope"/, ['incidence-fixture']],
    ['/v1/references/nope', /no reference "nope"/, ['ref-article', 'ref-body']]
  ]
  for (const [url, detail, allowed] of cases) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 404, url)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { type: '/problems/not-found', detail, allowed })
  }
  t.equal((await app.inject({ url: '/v1/genes/sod1?lang=xx' })).statusCode, 400)
  t.equal((await app.inject({ url: '/v1/genes/sod1', headers: { accept: 'text/html' } })).statusCode, 406)
  t.equal((await app.inject({ url: '/v1/genes', headers: { accept: 'text/html' } })).statusCode, 406)
})

t.test('a reference has a formatted citation and lists what cites it', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/references/ref-body?lang=tr' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, {
    id: 'ref-body',
    lang: 'tr',
    citation: 'Fixture Body. A fixture web page. Fixture Body; 2024. Available from: https://example.org/fixture',
    links: { self: `${BASE_URL}/v1/references/ref-body`, url: 'https://example.org/fixture' }
  })
  t.same(body.citedBy, [
    { kind: 'statement', id: 'sym-one', topic: 'symptoms', link: `${BASE_URL}/v1/statements/sym-one` },
    { kind: 'synonym', id: 'fixture-abbr', topic: 'definition', link: `${BASE_URL}/v1/topics/definition` },
    { kind: 'topic', id: 'definition', topic: 'definition', link: `${BASE_URL}/v1/topics/definition` },
    { kind: 'treatment', id: 'riluzole', topic: 'treatments', link: `${BASE_URL}/v1/treatments/riluzole` }
  ])
  const article = (await app.inject({ url: '/v1/references/ref-article?lang=tr' })).json()
  t.equal(article.note, 'Bir test notu.')
  t.match(article.links, { doi: 'https://doi.org/10.1000/fixture.1', pubmed: 'https://pubmed.ncbi.nlm.nih.gov/1000001/' })
  t.ok(article.citedBy.some((item: { kind: string, id: string, link: string }) => item.kind === 'gene' && item.link === `${BASE_URL}/v1/genes/SOD1`))
  t.ok(article.citedBy.some((item: { kind: string, link: string }) => item.kind === 'statistic' && item.link === `${BASE_URL}/v1/statistics/incidence-fixture`))
  t.ok(article.citedBy.some((item: { kind: string, link: string }) => item.kind === 'symptom' && item.link === `${BASE_URL}/v1/symptoms/fasciculations`))
})

t.test('GET /v1/statements/{id}: one claim with its citations resolved', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/statements/sym-one?lang=tr' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-language'], 'tr')
  const body = res.json()
  t.match(body, {
    id: 'sym-one',
    text: 'Test belirti ifadesi.',
    lang: 'tr',
    topic: 'symptoms',
    section: 'early',
    citations: ['ref-article', 'ref-body'],
    provenance: { lastReviewed: '2026-01-02' },
    links: { self: `${BASE_URL}/v1/statements/sym-one`, topic: `${BASE_URL}/v1/topics/symptoms` }
  })
  t.same(body.references.map((reference: { number: number, id: string }) => [reference.number, reference.id]), [[1, 'ref-article'], [2, 'ref-body']])
  t.match(body.references[0], { citation: /^Author A, .*PMID: 1000001\.$/, note: 'Bir test notu.' })
  t.match((await app.inject({ url: '/v1/statements/def-one' })).json(), { text: 'First definition statement.', evidence: 'established', lang: 'en' })
  const missing = await app.inject({ url: '/v1/statements/no-such-claim' })
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { type: '/problems/not-found', detail: 'There is no statement "no-such-claim".' })
  t.equal((await app.inject({ url: '/v1/statements/%3Cscript%3E' })).statusCode, 404)
})

t.test('codes: list, and lookup resolves a code to what the API holds for it', async (t) => {
  const app = await buildTestApp(t)
  const list = (await app.inject({ url: '/v1/codes' })).json() as Json
  t.equal(list.total, 6)
  t.same(list.items.map((item) => `${String(item.system)}:${String(item.code)}`), ['hgnc:HGNC:11179', 'hpo:HP:0002015', 'hpo:HP:0002380', 'icd10:G12.2', 'mesh:D000690', 'omim:105400'])
  const hpo = (await app.inject({ url: '/v1/codes?system=hpo&lang=tr' })).json() as Json
  t.match(hpo.items[0], { system: 'hpo', code: 'HP:0002015', target: { kind: 'symptom', id: 'dysphagia', name: 'Yutma güçlüğü', link: `${BASE_URL}/v1/symptoms/dysphagia` } })

  const icd = await app.inject({ url: '/v1/lookup?system=icd10&code=g12.2&lang=tr' })
  t.equal(icd.statusCode, 200)
  t.match(icd.json(), {
    lang: 'tr',
    system: 'icd10',
    code: 'G12.2',
    matches: [{ system: 'icd10', code: 'G12.2', display: 'Motor neuron disease', target: { kind: 'topic', id: 'definition', name: 'Test adı', link: `${BASE_URL}/v1/topics/definition` } }]
  })
  t.match((await app.inject({ url: '/v1/lookup?system=hgnc&code=HGNC:11179' })).json(), { matches: [{ target: { kind: 'gene', name: 'SOD1', link: `${BASE_URL}/v1/genes/SOD1` } }] })
  t.match((await app.inject({ url: '/v1/lookup?system=omim&code=%20105400%20' })).json(), { matches: [{ target: { id: 'sod1' } }] })

  const missing = await app.inject({ url: '/v1/lookup?system=icd10&code=G13.1' })
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { type: '/problems/not-found', detail: 'This API holds nothing for icd10 code "G13.1".', allowed: ['G12.2'] })
  const none = await app.inject({ url: '/v1/lookup?system=snomedct&code=86044005' })
  t.match(none.json(), { status: 404, allowed: [] })
  t.equal((await app.inject({ url: '/v1/lookup?system=hgnc&code=99999' })).statusCode, 404, 'no parent fallback outside ICD')
  for (const query of ['code=G12.2', 'system=icd10', 'system=icd9&code=335.2', `system=icd10&code=${'x'.repeat(101)}`, 'system=icd10&code=']) {
    const res = await app.inject({ url: `/v1/lookup?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
  }
})

t.test('lookup is lenient: OIDs and FHIR URIs as system, bare codes, and an ICD code falls back to its parent', async (t) => {
  const app = await buildTestApp(t)
  const lookup = async (system: string, code: string) => app.inject({ url: `/v1/lookup?system=${encodeURIComponent(system)}&code=${encodeURIComponent(code)}` })
  for (const system of ['icd10', 'ICD-10', '2.16.840.1.113883.6.3', 'urn:oid:2.16.840.1.113883.6.3', 'http://hl7.org/fhir/sid/icd-10', 'http://hl7.org/fhir/sid/icd-10/']) {
    const res = await lookup(system, 'G12.2')
    t.equal(res.statusCode, 200, system)
    t.match(res.json(), { system: 'icd10', code: 'G12.2', matches: [{ target: { id: 'definition' } }] }, system)
    t.notOk('fallback' in res.json(), `${system}: an exact match has no fallback`)
  }
  for (const [system, code] of [['hgnc', '11179'], ['2.16.840.1.113883.6.281', '11179'], ['http://www.genenames.org', 'hgnc:11179']]) {
    t.match((await lookup(system as string, code as string)).json(), { system: 'hgnc', code: 'HGNC:11179', matches: [{ target: { kind: 'gene', id: 'sod1' } }] }, `${system} ${code}`)
  }
  t.match((await lookup('hp', '0002380')).json(), { system: 'hpo', code: 'HP:0002380' })

  const child = await lookup('http://hl7.org/fhir/sid/icd-10', 'G12.21')
  t.equal(child.statusCode, 200)
  t.match(child.json(), {
    system: 'icd10',
    code: 'G12.2',
    matches: [{ code: 'G12.2', target: { id: 'definition' } }],
    fallback: { requested: 'G12.21', matched: 'G12.2', reason: 'No entry for G12.21; G12.2 is its nearest parent code held here.' }
  })
  t.match((await lookup('icd10', 'g12.2 9')).json(), { code: 'G12.2', fallback: { matched: 'G12.2' } }, 'two levels up, spaces and case ignored')
  t.equal((await lookup('icd10', 'G12')).statusCode, 404, 'a parent never resolves to a child')

  const unknown = await lookup('2.16.840.1.113883.6.1', '1234-5')
  t.equal(unknown.statusCode, 400, 'LOINC is not a system this API holds')
  t.match(unknown.json(), { type: '/problems/invalid-parameter', invalidParams: [{ name: 'system', in: 'query' }], allowed: ['icd10', 'icd10cm', 'icd11', 'snomedct', 'mesh', 'omim', 'orphanet', 'mondo', 'umls', 'hpo', 'hgnc'] })
})

t.test('lookup on the real content: FHIR SNOMED URI, ICD-10-CM by OID, bare Orphanet code', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  t.match((await app.inject({ url: '/v1/lookup?system=http://snomed.info/sct&code=86044005' })).json(), { system: 'snomedct', code: '86044005', matches: [{ target: { id: 'definition' } }] })
  t.match((await app.inject({ url: '/v1/lookup?system=2.16.840.1.113883.6.90&code=G12.21' })).json(), { system: 'icd10cm', code: 'G12.21' })
  t.match((await app.inject({ url: '/v1/lookup?system=orphanet&code=803' })).json(), { system: 'orphanet', code: 'ORPHA:803' })
})

t.test('a limit or offset that coerces to Infinity is a 400, not a page of nothing', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/v1/genes?limit=1e309', '/v1/symptoms?offset=1e309', '/v1/search?q=fas&limit=1e309']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 400, url)
    t.match(res.json(), { type: '/problems/invalid-parameter', invalidParams: [{ in: 'query', name: /^(limit|offset)$/ }] }, url)
  }
})

t.test('list pages are kept by language and URL: a repeat is the same representation, anything else is its own', async (t) => {
  const app = await buildTestApp(t)
  const first = await app.inject({ url: '/v1/symptoms?limit=1' })
  const again = await app.inject({ url: '/v1/symptoms?limit=1' })
  t.equal(again.body, first.body)
  t.equal(again.headers.etag, first.headers.etag)
  const turkish = await app.inject({ url: '/v1/symptoms?limit=1', headers: { 'accept-language': 'tr' } })
  t.equal(turkish.json().lang, 'tr', 'the language is part of the key')
  t.not(turkish.headers.etag, first.headers.etag)
  const next = await app.inject({ url: '/v1/symptoms?limit=1&offset=1' })
  t.not(next.json().items[0].id, first.json().items[0].id)
  for (let i = 0; i < 2; i++) t.equal((await app.inject({ url: '/v1/symptoms?fields=nope' })).statusCode, 400, 'a bad request stays a 400')
})
