/**
 * GET /infobutton, on the real content: HL7 URL-based knowledge requests as health records send them, answered as
 * Atom (checked against RFC 4287's schema rules, see atom.ts: no RELAX NG validator is installed, so the schema's
 * rules are written out there), as MedlinePlus Connect's JSON, and as JSONP; unknown codes give empty feeds, malformed
 * requests a 400 in the format asked for.
 */
import t, { type Test } from 'tap'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'
import { ATOM, parseXml, validateAtomFeed, type XmlElement } from './atom.ts'

type Json = Record<string, any>

const ICD10CM = '2.16.840.1.113883.6.90'
const ICD10 = '2.16.840.1.113883.6.3'
const SNOMED = '2.16.840.1.113883.6.96'
const HGNC = '2.16.840.1.113883.6.281'
const RXNORM = '2.16.840.1.113883.6.88'
const TOPICS_BUT_REFERENCES = TOPIC_IDS.filter((id) => id !== 'references')

const query = (params: Record<string, string>) => `/infobutton?${new URLSearchParams(params).toString()}`
const atomChildren = (element: XmlElement, name: string) => element.children.filter((child) => child.ns === ATOM && child.name === name)
const atomChild = (element: XmlElement, name: string) => atomChildren(element, name)[0] as XmlElement

function validFeed (t: Test, body: string): XmlElement {
  const feed = parseXml(body)
  t.same(validateAtomFeed(feed), [], 'valid Atom (RFC 4287)')
  return feed
}

t.test('the validator itself refuses what RFC 4287 refuses', async (t) => {
  const ok = '<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x:1</id><title>T</title><updated>2026-01-01T00:00:00Z</updated><author><name>A</name></author>' +
    '<entry><id>urn:x:2</id><title>E</title><updated>2026-01-01T00:00:00Z</updated><link href="http://x/"/></entry></feed>'
  t.same(validateAtomFeed(parseXml(ok)), [])
  const broken: Array<[string, RegExp]> = [
    [ok.replace('<id>urn:x:1</id>', ''), /exactly one atom:id/],
    [ok.replace('<updated>2026-01-01T00:00:00Z</updated><author>', '<updated>2026-01-01</updated><author>'), /not an RFC 3339 date-time/],
    [ok.replace('<author><name>A</name></author>', ''), /no author/],
    [ok.replace('<link href="http://x/"/>', ''), /no content and no alternate link/],
    [ok.replace('<link href="http://x/"/>', '<link/>'), /needs href/],
    [ok.replace('<title>T</title>', '<title type="markdown">T</title>'), /not text, html or xhtml/],
    [ok.replace('</author>', '</author><foo/>'), /atom:foo is not allowed/],
    [ok.replace('<entry>', '<title>again</title><entry>'), /exactly one atom:title/],
    [ok.replace('</entry>', '</entry><subtitle>late</subtitle>'), /metadata after the first atom:entry/]
  ]
  for (const [xml, problem] of broken) t.match(validateAtomFeed(parseXml(xml)).join('\n'), problem)
  for (const xml of ['<feed><a></feed>', '<feed a="1" a="2"/>', '<feed>&nbsp;</feed>', '<feed>a & b</feed>', '<a/><b/>']) t.throws(() => parseXml(xml), xml)
})

t.test('an ALS diagnosis code (ICD-10-CM by OID) gives the topics, overview first, as valid Atom', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const res = await app.inject({ url: query({ 'mainSearchCriteria.v.cs': ICD10CM, 'mainSearchCriteria.v.c': 'G12.21', 'mainSearchCriteria.v.dn': 'Amyotrophic lateral sclerosis', 'taskContext.c.c': 'PROBLISTREV', 'age.v.v': '57', 'age.v.u': 'a', 'patientPerson.administrativeGenderCode.c': 'F' }) })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/xml; charset=utf-8')
  t.equal(res.headers['content-language'], 'en')
  t.ok(res.headers.etag)
  const feed = validFeed(t, res.body)
  t.equal(feed.attributes['{http://www.w3.org/XML/1998/namespace}lang'], 'en')
  t.equal(atomChild(feed, 'subtitle').text, `Results for icd10cm G12.21: ${TOPICS_BUT_REFERENCES.length}`)
  t.same(atomChildren(feed, 'category').map((category) => `${category.attributes.scheme}=${category.attributes.term}`), [
    'mainSearchCriteria.v.c=G12.21', `mainSearchCriteria.v.cs=${ICD10CM}`, 'mainSearchCriteria.v.dn=Amyotrophic lateral sclerosis', 'informationRecipient=PAT', 'informationRecipient.languageCode.c=en'
  ], 'the request is echoed, other parameters ignored')
  t.match(atomChild(feed, 'rights').text, /CC BY 4\.0/)
  const entries = atomChildren(feed, 'entry')
  t.same(entries.map((entry) => /\/v1\/topics\/([a-z-]+)/.exec(atomChild(entry, 'id').text)?.[1]), TOPICS_BUT_REFERENCES)
  const [overview] = entries as [XmlElement]
  t.equal(atomChild(overview, 'title').text, 'What is ALS?')
  t.same(atomChildren(overview, 'link').map((link) => [link.attributes.rel, link.attributes.type, link.attributes.href]), [
    ['alternate', 'text/html', 'http://api.test/embed/topics/definition?lang=en'],
    ['related', 'application/json', 'http://api.test/v1/topics/definition?lang=en']
  ])
  const summary = atomChild(overview, 'summary')
  t.equal(summary.attributes.type, 'html')
  t.match(summary.text, /^<p>Amyotrophic lateral sclerosis \(ALS\) is/)
  t.match(summary.text, '<p class="alsDisclaimer">For information only; not medical advice.')
  t.notMatch(summary.text, 'alsSources', 'a patient gets no reference list')
  t.match(atomChild(overview, 'updated').text, /^\d{4}-\d{2}-\d{2}T00:00:00Z$/)
})

t.test('Turkish, an ICD-10 child code through its parent, SNOMED CT, Atom media type', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const turkish = await app.inject({ url: query({ 'mainSearchCriteria.v.cs': ICD10, 'mainSearchCriteria.v.c': 'G12.21', 'informationRecipient.languageCode.c': 'tr-TR' }) })
  const feed = validFeed(t, turkish.body)
  t.equal(turkish.headers['content-language'], 'tr')
  t.equal(feed.attributes['{http://www.w3.org/XML/1998/namespace}lang'], 'tr')
  t.equal(atomChild(feed, 'subtitle').text, `icd10 G12.21 için sonuçlar (G12.2 üst kodu üzerinden): ${TOPICS_BUT_REFERENCES.length}`)
  const first = atomChildren(feed, 'entry')[0] as XmlElement
  t.equal(atomChild(first, 'title').text, 'ALS nedir?')
  t.match(atomChildren(first, 'link')[0]?.attributes.href, /\?lang=tr$/)
  t.match(atomChild(first, 'summary').text, 'Yalnızca bilgilendirme amaçlıdır')

  const english = await app.inject({ url: query({ 'mainSearchCriteria.v.cs': ICD10, 'mainSearchCriteria.v.c': 'G12.21', 'informationRecipient.languageCode.c': 'es' }) })
  t.equal(atomChild(validFeed(t, english.body), 'subtitle').text, `Results for icd10 G12.21 (through its parent code G12.2): ${TOPICS_BUT_REFERENCES.length}`, 'a language not served gets English')
  const turkishExact = await app.inject({ url: query({ 'mainSearchCriteria.v.cs': SNOMED, 'mainSearchCriteria.v.c': '86044005', 'informationRecipient.languageCode.c': 'tr', knowledgeResponseType: 'application/atom+xml' }) })
  t.equal(turkishExact.headers['content-type'], 'application/atom+xml; charset=utf-8')
  t.equal(atomChild(validFeed(t, turkishExact.body), 'subtitle').text, `snomedct 86044005 için sonuçlar: ${TOPICS_BUT_REFERENCES.length}`)
})

t.test('MedlinePlus Connect JSON: a gene by its HGNC code, for a clinician (PROV), with sources', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const res = await app.inject({ url: query({ 'mainSearchCriteria.v.cs': HGNC, 'mainSearchCriteria.v.c': 'HGNC:11179', informationRecipient: 'prov', knowledgeResponseType: 'application/json' }) })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
  const { feed } = res.json() as Json
  t.match(feed, {
    base: 'http://api.test/',
    lang: 'en',
    title: { _value: 'ALS Reference API', type: 'text' },
    subtitle: { _value: 'Results for hgnc HGNC:11179: 2', type: 'text' },
    author: { name: { _value: /\S/ }, uri: { _value: 'http://api.test' } },
    updated: { _value: /^\d{4}-\d{2}-\d{2}T/ },
    id: { _value: /^http:\/\/api\.test\/infobutton\?/ },
    category: [{ scheme: 'mainSearchCriteria.v.c', term: 'HGNC:11179' }, { scheme: 'mainSearchCriteria.v.cs', term: HGNC }, { scheme: 'informationRecipient', term: 'PROV' }]
  })
  const [gene, topic] = feed.entry as Json[]
  t.match(gene, {
    lang: 'en',
    title: { _value: 'SOD1 — superoxide dismutase 1', type: 'text' },
    link: [{ rel: 'alternate', type: 'text/html', href: 'http://api.test/embed/topics/genetics?lang=en', title: /\S/ }, { rel: 'related', href: 'http://api.test/v1/genes/SOD1?lang=en' }],
    id: { _value: 'http://api.test/v1/genes/SOD1?lang=en' },
    summary: { _value: /<ul class="alsSources"><li>[^<]+doi:10\./, type: 'html' }
  })
  t.match(topic, { title: { _value: 'Genetics of ALS' }, summary: { _value: /<p class="alsClaim" id="[a-z0-9-]+">/ } })
  t.equal((topic.summary._value.match(/class="alsClaim"/g) ?? []).length, 3, 'a clinician gets the first claims with their sources')

  const symptom = (await app.inject({ url: query({ 'mainSearchCriteria.v.cs': 'http://human-phenotype-ontology.org', 'mainSearchCriteria.v.c': 'HP:0002380', knowledgeResponseType: 'application/json' }) })).json() as Json
  t.same(symptom.feed.entry.map((entry: Json) => entry.id._value), ['http://api.test/v1/symptoms/fasciculations?lang=en', 'http://api.test/v1/topics/symptoms?lang=en'])
  t.equal(symptom.feed.entry[0].title._value, 'Muscle twitching (fasciculations)')
})

t.test('a code this API does not hold, or a code system it does not know, is an empty feed (200)', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  for (const params of [{ 'mainSearchCriteria.v.cs': ICD10CM, 'mainSearchCriteria.v.c': 'I10' }, { 'mainSearchCriteria.v.cs': RXNORM, 'mainSearchCriteria.v.c': '9524' }]) {
    const res = await app.inject({ url: query(params) })
    t.equal(res.statusCode, 200)
    const feed = validFeed(t, res.body)
    t.same(atomChildren(feed, 'entry'), [])
    t.match(atomChild(feed, 'subtitle').text, /: 0$/)
    const json = (await app.inject({ url: query({ ...params, knowledgeResponseType: 'application/json' }) })).json() as Json
    t.same(json.feed.entry, [])
  }
})

t.test('by display name alone: the best topics; no words, no entries', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const feed = validFeed(t, (await app.inject({ url: query({ 'mainSearchCriteria.v.dn': 'riluzole' }) })).body)
  const entries = atomChildren(feed, 'entry')
  t.ok(entries.length >= 1 && entries.length <= 3)
  t.match(atomChild(entries[0] as XmlElement, 'id').text, '/v1/topics/treatments')
  t.equal(atomChild(feed, 'subtitle').text, `Results for "riluzole": ${entries.length}`)
  t.same(atomChildren(validFeed(t, (await app.inject({ url: query({ 'mainSearchCriteria.v.dn': '---' }) })).body), 'entry'), [])
})

t.test('JSONP, caching and revalidation', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const url = query({ 'mainSearchCriteria.v.cs': ICD10CM, 'mainSearchCriteria.v.c': 'G12.21', knowledgeResponseType: 'application/javascript', callback: 'window.handleFeed' })
  const res = await app.inject({ url })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/javascript; charset=utf-8')
  const match = /^\/\*\*\/window\.handleFeed\((.*)\);$/s.exec(res.body)
  t.ok(match, 'a call of the callback')
  t.match(JSON.parse(match?.[1] as string), { feed: { entry: [{ title: { _value: 'What is ALS?' } }] } })
  const again = await app.inject({ url })
  t.equal(again.headers.etag, res.headers.etag)
  t.equal((await app.inject({ url, headers: { 'if-none-match': String(res.headers.etag) } })).statusCode, 304)
})

t.test('a malformed request is a 400 in the format asked for', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const xmlCases: Array<[Record<string, string>, RegExp]> = [
    [{}, /mainSearchCriteria\.v\.c .* or mainSearchCriteria\.v\.dn .* is required/],
    [{ 'mainSearchCriteria.v.c': 'G12.21' }, /mainSearchCriteria\.v\.cs .* is required with mainSearchCriteria\.v\.c/],
    [{ 'mainSearchCriteria.v.c': 'G12.21', 'mainSearchCriteria.v.cs': 'not-an-oid' }, /is not an OID/],
    [{ 'mainSearchCriteria.v.dn': 'als', informationRecipient: 'DOC' }, /informationRecipient must be PAT/],
    [{ 'mainSearchCriteria.v.dn': 'als', knowledgeResponseType: 'text/html' }, /knowledgeResponseType must be one of/]
  ]
  for (const [params, detail] of xmlCases) {
    const res = await app.inject({ url: query(params) })
    t.equal(res.statusCode, 400, JSON.stringify(params))
    t.equal(res.headers['content-type'], 'application/problem+xml; charset=utf-8')
    t.equal(res.headers['cache-control'], 'no-store')
    const problem = parseXml(res.body)
    t.equal(problem.ns, 'urn:ietf:rfc:7807')
    t.same(problem.children.map((child) => child.name), ['type', 'title', 'status', 'detail', 'instance'])
    t.match(problem.children[3]?.text, detail)
  }
  const json = await app.inject({ url: query({ 'mainSearchCriteria.v.c': 'G12.21', knowledgeResponseType: 'application/json' }) })
  t.equal(json.statusCode, 400)
  t.match(json.json(), { type: '/problems/invalid-parameter', status: 400, detail: /mainSearchCriteria\.v\.cs/ })
  const jsonp = await app.inject({ url: query({ 'mainSearchCriteria.v.dn': 'als', knowledgeResponseType: 'application/javascript' }) })
  t.match(jsonp.json(), { status: 400, detail: /callback .* is required/ })
  const badCallback = await app.inject({ url: query({ 'mainSearchCriteria.v.dn': 'als', knowledgeResponseType: 'application/javascript', callback: 'alert(1)' }) })
  t.equal(badCallback.statusCode, 400)
  const tooLong = await app.inject({ url: query({ 'mainSearchCriteria.v.cs': ICD10CM, 'mainSearchCriteria.v.c': 'G'.repeat(101), knowledgeResponseType: 'application/json' }) })
  t.equal(tooLong.statusCode, 400)
  t.match(tooLong.json(), { detail: /Invalid query: .*mainSearchCriteria\.v\.c/ })
  const repeated = await app.inject({ url: `/infobutton?mainSearchCriteria.v.cs=${ICD10CM}&mainSearchCriteria.v.c=G12.21&mainSearchCriteria.v.c=G12.2` })
  t.equal(repeated.statusCode, 400, 'a repeated parameter is ambiguous')
  t.equal(repeated.headers['content-type'], 'application/problem+xml; charset=utf-8')
})
