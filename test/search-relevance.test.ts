/**
 * Relevance on the real content: for the words and questions people type, in both languages, the expected item comes
 * first. (test/search.test.ts covers the mechanics on a fixed fixture; this guards the ranking of what is served.)
 * Precision at 1 is the share of queries whose first result is an expected one; precision at 5 the share with an
 * expected result among the first five. Both are printed and must not fall below their floors.
 * Results of kind `question` are skipped: the questions resource has its own tests, and a question that restates the
 * query may rightly come first.
 */
import t from 'tap'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'
import { RELEVANCE_QUERIES, isExpected } from './relevance-queries.ts'

/** Slightly below what the suite achieves, so that a change that makes search worse fails. */
const FLOORS = { at1: 0.94, at5: 0.98 }

t.test('the queries people type find what answers them, on the real content', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  t.ok(RELEVANCE_QUERIES.length >= 100, 'at least 100 queries')
  t.ok(RELEVANCE_QUERIES.filter(([lang]) => lang === 'tr').length >= RELEVANCE_QUERIES.length / 2 - 10, 'about half of them Turkish')
  let at1 = 0
  let at5 = 0
  const misses: string[] = []
  for (const [lang, q, expected] of RELEVANCE_QUERIES) {
    const res = await app.inject({ url: '/v1/search', query: { q, limit: '10', ...(lang === 'auto' ? {} : { lang }) } })
    if (res.statusCode !== 200) t.fail(`${lang} "${q}": ${res.statusCode}`)
    const ids = (res.json().items as Array<{ kind: string, id: string }>).filter((item) => item.kind !== 'question').map((item) => `${item.kind}:${item.id}`)
    const first = ids[0] !== undefined && isExpected(ids[0], expected)
    if (first) at1++
    if (ids.slice(0, 5).some((id) => isExpected(id, expected))) at5++
    if (!first) misses.push(`${lang} "${q}" → ${ids.slice(0, 3).join(', ') || 'nothing'}`)
  }
  const precision = { at1: at1 / RELEVANCE_QUERIES.length, at5: at5 / RELEVANCE_QUERIES.length }
  t.comment(`${RELEVANCE_QUERIES.length} queries: precision@1 ${precision.at1.toFixed(3)}, precision@5 ${precision.at5.toFixed(3)}`)
  for (const miss of misses) t.comment(`not first: ${miss}`)
  t.ok(precision.at1 >= FLOORS.at1, `precision@1 ${precision.at1.toFixed(3)} >= ${FLOORS.at1}`)
  t.ok(precision.at5 >= FLOORS.at5, `precision@5 ${precision.at5.toFixed(3)} >= ${FLOORS.at5}`)
})

t.test('the queries of issue 15, one by one', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const search = async (query: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await app.inject({ url: '/v1/search', query, headers })
    t.equal(res.statusCode, 200)
    return res.json() as { lang: string, langSource: string, query: string, correctedQuery?: string, total: number, items: Array<{ kind: string, id: string, topic: string }> }
  }
  const firstNonQuestion = (body: Awaited<ReturnType<typeof search>>) => body.items.find((item) => item.kind !== 'question')

  const cure = await search({ q: 'ALS tedavisi var mı', lang: 'tr' })
  t.ok(cure.total > 0, '"ALS tedavisi var mı" finds results')
  t.equal(cure.query, 'ALS tedavisi', 'the question particle and "var" need not match')
  t.match(firstNonQuestion(cure), { kind: 'topic', id: 'treatments' })

  const life = await search({ q: 'life expectancy' })
  t.ok(life.total > 0)
  t.match(firstNonQuestion(life), { topic: 'epidemiology', id: /surviv/ }, 'life expectancy is survival')

  for (const [q, lang, corrected, expected] of [['amyotropic', 'en', 'amyotrophic', 'topic:definition'], ['amiyotrofik', 'tr', undefined, 'topic:definition'],
    ['rilusol', 'en', 'riluzol', 'treatment:riluzole'], ['edavarone', 'en', 'edaravone', 'treatment:edaravone']] as const) {
    const body = await search({ q, lang })
    t.equal(body.correctedQuery, corrected, `${q}: corrected to ${String(corrected)}`)
    const first = firstNonQuestion(body)
    t.equal(first === undefined ? 'nothing' : `${first.kind}:${first.id}`, expected, q)
  }

  t.match(firstNonQuestion(await search({ q: 'ALS belirtileri', lang: 'tr' })), { kind: 'topic', id: 'symptoms' }, 'ALS belirtileri: the symptoms topic first')
  t.match(firstNonQuestion(await search({ q: 'early signs of ALS' })), { topic: 'symptoms' }, 'early signs of ALS: symptoms')

  const turkish = await search({ q: 'ALS belirtileri' })
  t.match(turkish, { lang: 'tr', langSource: 'detected' }, 'a Turkish query without lang=tr answers in Turkish')
  t.match(firstNonQuestion(turkish), { kind: 'topic', id: 'symptoms' })
  t.match(await search({ q: 'ALS belirtileri' }, { 'accept-language': 'en' }), { lang: 'en', langSource: 'accept-language' }, 'Accept-Language still decides')
})
