import t from 'tap'
import { join } from 'node:path'
import { buildTestApp, BASE_URL } from './helpers.ts'
import { PROJECT_ROOT } from '../src/paths.ts'
import { MAX_QUERY_TOKENS, MAX_TOKEN_LENGTH, foldTurkish, queryTokens } from '../src/search/fold.ts'
import { matchExpression, renderSnippet } from '../src/search/search.ts'

/** The base fixture plus enough content for relevance tests: every search test runs on it, so it is deterministic. */
const SEARCH_CONTENT = join(PROJECT_ROOT, 'test', 'fixtures', 'search-content')

interface Hit { kind: string, id: string, topic: string, title: string, snippet: string, score: number, link: string }
interface Results {
  lang: string
  langSource: string
  query: string
  match: string
  correctedQuery?: string
  suggestions?: string[]
  otherLanguage?: { lang: string, total: number, link: string }
  items: Hit[]
  total: number
  limit: number
  offset: number
  next: string | null
}

t.test('query words: folded, quoted as prefixes, nothing else gets through', async (t) => {
  t.equal(foldTurkish('İLAÇ ılık Işık'), 'iLAÇ ilik Işik', 'only İ and ı change; the tokenizer folds case and accents')
  t.same(queryTokens('  "Riluzole" AND (NEAR edaravone*) -x  '), ['Riluzole', 'AND', 'NEAR', 'edaravone', 'x'])
  t.same(queryTokens('TDP-43; G12.2'), ['TDP', '43', 'G12', '2'])
  t.same(queryTokens('\u0000\u0007\t"\'*^:()'), [])
  t.same(queryTokens('Kök hücre'), ['Kök', 'hücre'])
  t.same(queryTokens('Ko\u0308k'), ['Kök'], 'decomposed input is normalised')
  t.equal(queryTokens('a '.repeat(30)).length, MAX_QUERY_TOKENS)
  t.equal(queryTokens('x'.repeat(100))[0]?.length, MAX_TOKEN_LENGTH)
  t.equal(matchExpression([['riluz'], ['ALS']], 'en'),
    '({title keywords body} : "riluz"* OR {title_stem keywords_stem body_stem} : "riluz") AND ({title keywords body} : "als"* OR {title_stem keywords_stem body_stem} : "al")',
    'each word as a prefix or through its stem; every word must match')
  t.equal(matchExpression([['belirtileri'], ['life expectancy', 'survival']], 'tr', 'names'),
    '({title keywords} : "belirtileri"* OR {title_stem keywords_stem} : "belirti" OR {title keywords} : "belirti"*) AND ' +
    '({title keywords} : "life expectancy"* OR {title keywords} : "survival"* OR {title_stem keywords_stem} : "survival")',
    'a stem of five letters or more is also a prefix; a phrase is searched as a phrase')
  t.equal(renderSnippet('<b>\u0002x\u0003</b> & "q" \'s\''), '&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; &quot;q&quot; &#39;s&#39;')
})

t.test('results: kind, id, topic, title, highlighted snippet, score, link; HTML in content is escaped', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/v1/search?q=markup' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-language'], 'en')
  t.match(res.headers['content-type'], /^application\/json/)
  const body = res.json() as Results
  t.match(body, { lang: 'en', query: 'markup', total: 1, limit: 20, offset: 0, next: null, provenance: { contentVersion: '2000.01.01' } })
  t.same(body.items, [{
    kind: 'statement',
    id: 'sym-one',
    topic: 'symptoms',
    title: 'Early symptoms',
    snippet: 'Fixture symptom statement with &lt;b&gt;<mark>markup</mark>&lt;/b&gt; &amp; quotes &quot;x&quot;.',
    score: body.items[0]?.score,
    link: `${BASE_URL}/v1/statements/sym-one`
  }])
  t.ok((body.items[0] as Hit).score > 0)
  const tr = (await app.inject({ url: '/v1/search?q=ilac', headers: { 'accept-language': 'tr-TR' } })).json() as Results
  t.equal(tr.lang, 'tr')
  t.match(tr.items[0], { kind: 'section', id: 'drugs', topic: 'treatments', title: 'İlaçlar', snippet: '<mark>İlaçlar</mark>', link: `${BASE_URL}/v1/topics/treatments` })
  const gene = (await app.inject({ url: '/v1/search?q=sod' })).json() as Results
  t.match(gene.items[0], { kind: 'gene', id: 'sod1', title: 'SOD1', link: `${BASE_URL}/v1/genes/SOD1` })
  const reference = (await app.inject({ url: '/v1/search?q=fixture+web+page' })).json() as Results
  t.match(reference.items[0], { kind: 'reference', id: 'ref-body', title: 'A fixture web page', link: `${BASE_URL}/v1/references/ref-body` })
})

t.test('Turkish and English, as people type: prefixes, case, diacritics, dotted and dotless i, synonyms', async (t) => {
  const app = await buildTestApp(t, { contentDir: SEARCH_CONTENT })
  const top = async (lang: string, q: string) => ((await app.inject({ url: `/v1/search?lang=${lang}&q=${encodeURIComponent(q)}` })).json() as Results).items[0]
  for (const q of ['İLAÇ', 'ilaç', 'ILAC', 'ılac', 'İlaçlar']) t.match(await top('tr', q), { kind: 'section', id: 'drugs' }, `tr ${q}`)
  for (const q of ['nefes darlığı', 'NEFES DARLIĞI', 'nefes darligi', 'NEFES DARLİĞİ']) t.match(await top('tr', q), { kind: 'symptom', id: 'dyspnoea' }, `tr ${q}`)
  for (const q of ['kök hücre', 'kok hucre', 'KÖK HÜCRE', 'kök hüc']) t.match(await top('tr', q), { kind: 'treatment', id: 'stem-cells' }, `tr ${q}`)
  for (const q of ['şişe', 'seğirme', 'segirme', 'SEĞİRME']) {
    const hit = await top('tr', q)
    if (q.startsWith('ş')) t.equal(hit, undefined, 'no false positive')
    else t.match(hit, { kind: 'symptom', id: 'fasciculations', snippet: /<mark>(seğirmeleri|Fasikülasyonlar)<\/mark>/ }, `tr ${q}`)
  }
  for (const q of ['ril', 'riluz', 'riluzol', 'riluzole', 'RILUZOLE']) t.match(await top('en', q), { id: 'riluzole' }, `en ${q}`)
  for (const q of ['riluzol', 'riluzole', 'Riluzol']) t.match(await top('tr', q), { kind: 'treatment', id: 'riluzole', title: 'Riluzol' }, `tr ${q}`)
  t.match(await top('en', 'Lou Gehrig'), { kind: 'synonym', id: 'lou-gehrig', title: "Lou Gehrig's disease" })
  t.match(await top('en', 'gehr'), { kind: 'synonym', id: 'lou-gehrig' })
  t.match(await top('tr', 'Lou Gehrig'), { kind: 'synonym', id: 'lou-gehrig', title: 'Lou Gehrig hastalığı' })
  t.match(await top('en', 'MND'), { kind: 'synonym', id: 'mnd' })
  t.match(await top('tr', 'mnd'), { kind: 'synonym', id: 'mnd' }, 'the English abbreviation finds the Turkish item')
  t.match(await top('tr', 'MNH'), { kind: 'synonym', id: 'mnd' })
  t.match(await top('en', 'çharcot'), { kind: 'synonym', id: 'charcot' }, 'stray diacritics are folded')
  const partly = (await app.inject({ url: '/v1/search?q=riluzole+zzzz' })).json() as Results
  t.match(partly, { match: 'any', query: 'riluzole zzzz', items: [{ id: 'riluzole' }] }, 'a word found nowhere does not hide the others')
  t.equal(partly.suggestions, undefined, 'nothing near zzzz to suggest')
})

t.test('questions, word forms, typos and the language, as people type them', async (t) => {
  const app = await buildTestApp(t, { contentDir: SEARCH_CONTENT })
  const search = async (query: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ url: `/v1/search?${query}`, headers })
    t.equal(res.statusCode, 200, query)
    return { body: res.json() as Results, headers: res.headers }
  }
  const ids = (body: Results) => body.items.map((hit) => `${hit.kind}:${hit.id}`)

  // Stop words need not match; a query of nothing but stop words is searched as it is.
  t.match((await search('q=what+is+riluzole&lang=en')).body, { query: 'riluzole', match: 'all', items: [{ id: 'riluzole' }] })
  t.match((await search('q=riluzol+nedir&lang=tr')).body, { query: 'riluzol', items: [{ id: 'riluzole' }] })
  t.match((await search(`q=${encodeURIComponent('Kök hücre tedavisi var mı')}&lang=tr`)).body, { query: 'Kök hücre tedavisi', items: [{ id: 'stem-cells' }] })
  t.match((await search('q=what+is&lang=en')).body, { query: 'what is' })
  t.match((await search(`q=${encodeURIComponent("ALS'nin")}&lang=tr`)).body, { query: 'ALS' }, 'a suffix after an apostrophe is part of the word')

  // When no document holds every word, those holding the most come first.
  const most = (await search('q=riluzole+survival+xyzq&lang=en')).body
  t.equal(most.match, 'any')
  t.same(ids(most).slice(0, 2), ['treatment:riluzole', 'treatment:niv'], 'riluzole holds two of the words, NIV one')

  // Word forms: Turkish suffixes and English inflections meet through their stems; the snippet marks the word as written.
  t.match((await search('q=belirtileri&lang=tr')).body.items, [{ kind: 'topic', id: 'symptoms' }, { kind: 'section', id: 'early' }])
  t.match((await search(`q=${encodeURIComponent('riluzolün')}&lang=tr`)).body.items, [{ id: 'riluzole', title: 'Riluzol' }])
  t.match((await search('q=twitched&lang=en')).body.items, [{ id: 'fasciculations', snippet: 'Visible <mark>twitches</mark> under the skin.' }])
  t.match((await search('q=kramplari&lang=en')).body.items, [{ id: 'cramps' }], 'the other language\'s name, inflected')

  // Typos: corrected from the index's own vocabulary when the word matches nothing; suggested when results came anyway.
  t.match((await search('q=rilusole&lang=en')).body, { correctedQuery: 'riluzole', query: 'riluzole', items: [{ id: 'riluzole' }] })
  t.match((await search('q=edavarone&lang=en')).body, { correctedQuery: 'edaravone', items: [{ id: 'edaravone' }] })
  t.match((await search('q=irluzole&lang=en')).body, { correctedQuery: 'riluzole' }, 'the first two letters swapped')
  t.match((await search('q=xiluzole&lang=en')).body, { total: 0 }, 'a wrong first letter is not corrected')
  const suggested = (await search('q=riluzole+fasiculations&lang=en')).body
  t.match(suggested, { match: 'any', query: 'riluzole fasiculations', suggestions: ['riluzole fasciculations'], items: [{ id: 'riluzole' }] })
  t.equal(suggested.correctedQuery, undefined)

  // The language: lang, then Accept-Language, then the words of the query.
  const detected = await search(`q=${encodeURIComponent('yutma güçlüğü')}`)
  t.match(detected.body, { lang: 'tr', langSource: 'detected', items: [{ id: 'dysphagia', title: 'Yutma güçlüğü' }] })
  t.equal(detected.headers['content-language'], 'tr')
  t.match((await search('q=swallowing')).body, { lang: 'en', langSource: 'detected' })
  t.match((await search('q=riluzol')).body, { lang: 'en', langSource: 'default' }, 'both languages know it: the default')
  t.match((await search('q=riluzol&lang=tr')).body, { lang: 'tr', langSource: 'query' })
  const header = await search(`q=${encodeURIComponent('yutma güçlüğü')}`, { 'accept-language': 'en' })
  t.match(header.body, { lang: 'en', langSource: 'accept-language' })
  t.equal(header.headers['content-language'], 'en')
  const again = await search(`q=${encodeURIComponent('yutma güçlüğü')}`)
  t.equal(again.headers['content-language'], 'tr', 'a cached answer keeps its language')
  t.equal(again.headers.etag, detected.headers.etag)

  // Nothing in the chosen language, something in the other: the response says so.
  const elsewhere = (await search(`q=${encodeURIComponent('seğirmeleri')}&lang=en&offset=5`)).body
  t.match(elsewhere, { lang: 'en', total: 0, items: [], otherLanguage: { lang: 'tr', total: 1, link: `${BASE_URL}/v1/search?q=${encodeURIComponent('seğirmeleri')}&lang=tr` } })
  const nowhere = (await search('q=qqqqqq&lang=en')).body
  t.match(nowhere, { total: 0, match: 'all' })
  t.equal(nowhere.otherLanguage, undefined)
})

t.test('relevance: the expected hit comes first', async (t) => {
  const app = await buildTestApp(t, { contentDir: SEARCH_CONTENT })
  const expectations: Array<[lang: string, query: string, expected: string]> = [
    ['en', 'riluzole', 'treatment:riluzole'],
    ['en', 'riluzol', 'treatment:riluzole'],
    ['tr', 'riluzole', 'treatment:riluzole'],
    ['tr', 'riluzol', 'treatment:riluzole'],
    ['en', 'Lou Gehrig', 'synonym:lou-gehrig'],
    ['en', 'MND', 'synonym:mnd'],
    ['en', 'Charcot', 'synonym:charcot'],
    ['en', 'amyotrophic lateral sclerosis', 'topic:definition'],
    ['tr', 'amiyotrofik lateral skleroz', 'topic:definition'],
    ['tr', 'yutma', 'symptom:dysphagia'],
    ['en', 'swallowing', 'symptom:dysphagia'],
    ['tr', 'kas seğir', 'symptom:fasciculations'],
    ['tr', 'DİZARTRİ', 'symptom:dysarthria'],
    ['en', 'frontotemporal', 'symptom:cognitive-change'],
    ['tr', 'ILAC', 'section:drugs'],
    ['en', 'stem cell', 'treatment:stem-cells'],
    ['tr', 'kök hücre', 'treatment:stem-cells'],
    ['en', 'edaravone', 'treatment:edaravone'],
    ['tr', 'edaravon', 'treatment:edaravone'],
    ['en', 'tofersen', 'treatment:tofersen'],
    ['tr', 'gastrostomi', 'treatment:gastrostomy'],
    ['en', 'ventilation', 'treatment:niv'],
    ['en', 'c9orf72', 'gene:c9orf72'],
    ['en', 'TDP-43', 'gene:tardbp'],
    ['en', 'superoxide', 'gene:sod1'],
    ['en', 'El Escorial', 'criterion:el-escorial'],
    ['tr', 'awaji', 'criterion:awaji'],
    ['en', 'EMG', 'test:emg'],
    ['en', 'neurofilament', 'test:neurofilament'],
    ['tr', 'ALSFRS', 'scale:alsfrs-r'],
    ['tr', 'servikal', 'differential:cervical-myelopathy'],
    ['en', 'incidence europe', 'statistic:incidence-europe'],
    ['tr', 'insidans', 'statistic:incidence-europe'],
    ['en', 'Guam', 'cluster:guam'],
    ['en', 'smoking', 'risk-factor:smoking'],
    ['tr', 'sigara', 'risk-factor:smoking'],
    ['en', 'cochrane', 'reference:miller-2012-riluzole-cochrane'],
    ['en', 'miller riluzole', 'reference:miller-2012-riluzole-cochrane'],
    ['en', 'eye movements', 'spared-function:eye-movements'],
    ['tr', 'bulber', 'onset-pattern:bulbar-onset']
  ]
  t.ok(expectations.length >= 20)
  for (const [lang, query, expected] of expectations) {
    const res = await app.inject({ url: `/v1/search?lang=${lang}&q=${encodeURIComponent(query)}` })
    t.equal(res.statusCode, 200)
    const first = (res.json() as Results).items[0]
    t.equal(first === undefined ? 'nothing' : `${first.kind}:${first.id}`, expected, `${lang} "${query}"`)
  }
})

t.test('any user string is safe: a result or a clear 400, never a 500', async (t) => {
  const app = await buildTestApp(t, { contentDir: SEARCH_CONTENT })
  const results = [
    'riluzole"', '"riluzole', 'riluzole AND edaravone', 'riluzole OR', 'NOT riluzole', 'NEAR(riluzole edaravone)', 'riluzole*',
    '*riluzole', 'title:riluzole', 'keywords : x', '^riluzole', '(riluzole', 'riluzole)', '{title body}: riluzole', "'; DROP TABLE search; --",
    'riluzole\u0000', 'ril\u0007uzole', 'riluzole\n\tedaravone', '💊 riluzole', 'x'.repeat(200), 'a '.repeat(100), 'riluzole -edaravone', 'G12.2'
  ]
  for (const q of results) {
    const res = await app.inject({ url: `/v1/search?q=${encodeURIComponent(q)}` })
    t.equal(res.statusCode, 200, JSON.stringify(q))
    t.type((res.json() as Results).total, 'number')
  }
  const errors: Array<[string, RegExp]> = [
    ['', /^must not be empty$/],
    ['"', /at least one letter or digit/],
    ['*', /at least one letter or digit/],
    ['()^:', /at least one letter or digit/],
    ['%', /at least one letter or digit/],
    ['\\', /at least one letter or digit/],
    ['\u0000\u0001', /at least one letter or digit/],
    ['x'.repeat(201), /^must be at most 200 characters long$/]
  ]
  for (const [q, reason] of errors) {
    const res = await app.inject({ url: `/v1/search?q=${encodeURIComponent(q)}` })
    t.equal(res.statusCode, 400, JSON.stringify(q))
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.json(), { type: '/problems/invalid-parameter', invalidParams: [{ name: 'q', in: 'query', reason }] })
  }
  for (const raw of ['q=%', 'q=%E0%A4%A', 'q=ril%ZZuzole', 'q[]=a&q[]=b', 'q=riluzole&q=edaravone']) {
    const res = await app.inject({ url: `/v1/search?${raw}` })
    t.ok(res.statusCode === 200 || res.statusCode === 400, `${raw}: ${res.statusCode}`)
  }
  const missing = await app.inject({ url: '/v1/search' })
  t.equal(missing.statusCode, 400)
  t.match(missing.json(), { invalidParams: [{ name: 'q', reason: 'is required' }] })
})

t.test('filters and pagination', async (t) => {
  const app = await buildTestApp(t, { contentDir: SEARCH_CONTENT })
  const get = async (query: string) => {
    const res = await app.inject({ url: `/v1/search?${query}` })
    t.equal(res.statusCode, 200, query)
    return res.json() as Results
  }
  const all = await get('q=als')
  t.ok(all.total > 3)
  t.ok(all.items.every((hit, index) => index === 0 || (all.items[index - 1] as Hit).score >= hit.score), 'best first')
  const symptoms = await get('q=als&topic=symptoms')
  t.ok(symptoms.total > 0 && symptoms.items.every((hit) => hit.topic === 'symptoms'))
  const treatments = await get('q=a&kind=treatment&lang=tr')
  t.same(treatments.items.map((hit) => hit.id).sort(), ['edaravone', 'gastrostomy', 'niv', 'riluzole', 'stem-cells', 'tofersen'].filter((id) => treatments.items.some((hit) => hit.id === id)))
  t.ok(treatments.items.every((hit) => hit.kind === 'treatment'))
  t.equal((await get('q=riluzole&kind=gene')).total, 0)
  const first = await get('q=als&limit=2')
  t.equal(first.items.length, 2)
  t.equal(first.total, all.total)
  t.equal(first.next, `${BASE_URL}/v1/search?q=als&limit=2&offset=2`)
  const second = await get('q=als&limit=2&offset=2')
  t.same(second.items, all.items.slice(2, 4))
  const last = await get(`q=als&limit=2&offset=${all.total - 1}`)
  t.equal(last.items.length, 1)
  t.equal(last.next, null)
  for (const query of ['q=als&kind=thing', 'q=als&topic=cures', 'q=als&lang=de', 'q=als&limit=0', 'q=als&limit=101', 'q=als&offset=-1']) {
    const res = await app.inject({ url: `/v1/search?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
  }
  const kind = await app.inject({ url: '/v1/search?q=als&kind=thing' })
  t.ok(kind.json().allowed.includes('treatment'))
  t.equal((await app.inject({ url: '/v1/search?q=als', headers: { accept: 'text/html' } })).statusCode, 406)
})
