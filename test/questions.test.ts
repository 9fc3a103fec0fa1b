/**
 * The questions resource on the real content: the seed's checks, the list and one question with its citations
 * resolved, the FAQPage JSON-LD (checked against the schema.org vocabulary), the topic embed page, search, and
 * responses against the documented schemas.
 */
import t from 'tap'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse, stringify } from 'yaml'
import { BASE_URL, buildTestApp, copyContent, REAL_CONTENT } from './helpers.ts'
import { loadContent } from '../seed/load.ts'
import { PROJECT_ROOT } from '../src/paths.ts'
import { OPENAPI_PATH } from '../src/cli/openapi.ts'
import { LANGUAGES } from '../schemas/common.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'

const real = loadContent(REAL_CONTENT)
if (!real.ok) throw new Error('the real content is invalid')
const questions = real.content.questions

t.test('the real content holds at least 40 questions, each answered in both languages from statements that exist', async (t) => {
  t.ok(questions.length >= 40, `${questions.length} questions`)
  const statements = new Set(Object.values(real.content.topics).flatMap((topic) => topic.sections.flatMap((section) => section.statements.map((statement) => statement.id))))
  for (const question of questions) {
    for (const id of question.statements) t.ok(statements.has(id), `${question.id}: statement ${id} exists`)
    for (const lang of LANGUAGES) {
      const sentences = question.answer[lang].split(/(?<=[.!?])\s+(?=[A-ZÇĞİÖŞÜ"])/).length
      t.ok(sentences >= 1 && sentences <= 5, `${question.id} ${lang}: a short answer (${sentences} sentences)`)
      t.match(question.question[lang], /\?$/, `${question.id} ${lang}: a question`)
    }
  }
  // An answer says only what its statements say: every number in it is a number of those statements, same language.
  const texts = new Map(Object.values(real.content.topics).flatMap((topic) => topic.sections.flatMap((section) => section.statements.map((statement) => [statement.id, statement.text] as const))))
  const numbers = (text: string): string[] => (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((number) => number.replace(/(\d)[.,](\d{3})\b/g, '$1$2').replace(',', '.'))
  t.same(numbers('1,758 people; %13,8; 100.000 kişi; 2.6'), ['1758', '13.8', '100000', '2.6'], 'numbers are read in both languages\' notation')
  for (const question of questions) {
    for (const lang of LANGUAGES) {
      const stated = new Set(question.statements.flatMap((id) => numbers(texts.get(id)?.[lang] ?? '')))
      t.same(numbers(question.answer[lang]).filter((number) => !stated.has(number)), [], `${question.id} ${lang}: every number comes from its statements`)
    }
  }
  // The questions the source page raises, and those people ask most, are there.
  for (const id of ['is-als-hereditary', 'is-als-contagious', 'how-long-do-people-live-with-als', 'can-als-be-cured', 'do-stem-cells-work',
    'what-is-the-first-sign', 'how-is-als-diagnosed', 'difference-between-als-and-ms', 'can-als-be-prevented', 'what-causes-als', 'who-gets-als',
    'is-there-a-blood-test-for-als', 'what-treatments-exist', 'what-does-riluzole-do', 'is-tofersen-for-everyone', 'what-is-the-link-with-ftd',
    'why-does-als-cause-weakness', 'which-functions-are-spared', 'what-is-als', 'why-lou-gehrig-and-charcot', 'why-was-als-common-on-guam']) {
    t.ok(questions.some((question) => question.id === id), `question ${id}`)
  }
})

t.test('the seed refuses a questions file with unknown statements, duplicate ids or a missing translation', async (t) => {
  const dir = copyContent(t)
  const question = { id: 'q-one', question: { en: 'One?', tr: 'Bir?' }, answer: { en: 'A.', tr: 'A.' }, statements: ['sym-one'], topics: ['symptoms'], lastReviewed: '2026-12-05' }
  writeFileSync(join(dir, 'questions.yaml'), stringify({
    questions: [question, { ...question, statements: ['sym-one', 'nope'] }, { ...question, id: 'q-two', answer: { en: ' ', tr: 'A.' } }]
  }))
  const result = loadContent(dir)
  t.equal(result.ok, false)
  const problems = result.ok ? [] : result.problems.map((problem) => `${problem.file.split('/').pop()} ${problem.path}: ${problem.reason}`)
  t.same(problems, [
    'questions.yaml $.questions[2].answer.en: missing translation: "en" is blank',
    'questions.yaml $.questions[1].id: duplicate question id "q-one"',
    'questions.yaml $.questions[1].statements[1]: unknown statement id "nope"'
  ])

  writeFileSync(join(dir, 'questions.yaml'), stringify({ questions: [{ ...question, question: { en: 'One?' }, topics: ['nope'] }] }))
  const invalid = loadContent(dir)
  t.match(invalid.ok ? [] : invalid.problems, [
    { file: /questions\.yaml$/, line: Number, path: '$.questions[0].question.tr', reason: 'missing translation: "tr"' },
    { file: /questions\.yaml$/, path: '$.questions[0].topics[0]', reason: /allowed: definition/ }
  ])

  // A broken topic is reported on its own; the questions' statements are not checked against it.
  writeFileSync(join(dir, 'questions.yaml'), stringify({ questions: [question] }))
  writeFileSync(join(dir, 'symptoms.yaml'), readFileSync(join(dir, 'symptoms.yaml'), 'utf8').replace('id: symptoms', 'id: symptoms\nunknown: 1'))
  const broken = loadContent(dir)
  t.match(broken.ok ? [] : broken.problems.map((problem) => problem.reason), ['unknown property (not in the schema)', 'unknown statement id "sym-one"'])
})

t.test('content without a questions file has no questions; a question without alternatives is served and indexed', async (t) => {
  const dir = copyContent(t)
  const empty = await buildTestApp(t, { contentDir: dir })
  t.equal((await empty.inject({ url: '/v1/questions' })).json().total, 0)
  const ld = await empty.inject({ url: '/v1/questions', headers: { accept: 'application/ld+json' } })
  t.same(ld.json().mainEntity, [])
  t.notOk('lastReviewed' in ld.json(), 'an empty set has no review date')
  t.equal((await empty.inject({ url: '/embed/topics/symptoms/questions' })).statusCode, 404)

  writeFileSync(join(dir, 'questions.yaml'), stringify({
    questions: [{ id: 'fixture-question', question: { en: 'Fixture question?', tr: 'Fikstür sorusu?' }, answer: { en: 'An answer.', tr: 'Bir yanıt.' }, statements: ['sym-one'], topics: ['symptoms'], lastReviewed: '2026-12-05' }]
  }))
  const app = await buildTestApp(t, { contentDir: dir })
  const one = await app.inject({ url: '/v1/questions/fixture-question' })
  t.equal(one.statusCode, 200)
  t.same(one.json().alternatives, [])
  const hit = (await app.inject({ url: '/v1/search?q=fixture%20question&kind=question' })).json().items[0]
  t.match(hit, { kind: 'question', id: 'fixture-question', topic: 'symptoms', link: `${BASE_URL}/v1/questions/fixture-question` })
  t.equal((await app.inject({ url: '/v1/meta' })).json().counts.questions, 1)
})

t.test('GET /v1/questions lists, filters by topic, pages and picks fields', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const res = await app.inject({ url: '/v1/questions?limit=5' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /application\/json/)
  t.equal(res.headers['content-language'], 'en')
  const body = res.json()
  t.match(body, { lang: 'en', total: questions.length, limit: 5, offset: 0, next: `${BASE_URL}/v1/questions?limit=5&offset=5`, provenance: { contentVersion: String } })
  t.same(body.items.map((item: { id: string }) => item.id), questions.slice(0, 5).map((question) => question.id))
  t.match(body.items[0], { id: 'what-is-als', question: 'What is ALS?', topics: ['definition'], links: { self: `${BASE_URL}/v1/questions/what-is-als`, topics: [`${BASE_URL}/v1/topics/definition`] } })
  const again = await app.inject({ url: '/v1/questions?limit=5', headers: { 'if-none-match': String(res.headers.etag) } })
  t.equal(again.statusCode, 304, 'a list page is prepared once, with its ETag')

  const genetics = (await app.inject({ url: '/v1/questions?topic=genetics&lang=tr&limit=100' })).json()
  t.equal(genetics.lang, 'tr')
  t.ok(genetics.total > 0 && genetics.total < questions.length)
  t.ok(genetics.items.every((item: { topics: string[] }) => item.topics.includes('genetics')), 'every item is of the topic')
  t.ok(genetics.items.some((item: { question: string }) => item.question === 'ALS kalıtsal mı?'), 'in Turkish')

  const picked = (await app.inject({ url: '/v1/questions?fields=question&limit=1' })).json()
  t.same(picked.items, [{ id: 'what-is-als', question: 'What is ALS?' }])

  const badField = await app.inject({ url: '/v1/questions?fields=nope' })
  t.equal(badField.statusCode, 400)
  t.match(badField.json(), { type: '/problems/invalid-parameter', invalidParams: [{ name: 'fields' }], allowed: ['id', 'question'] })
  const badTopic = await app.inject({ url: '/v1/questions?topic=nope' })
  t.equal(badTopic.statusCode, 400)
  t.match(badTopic.headers['content-type'], /application\/problem\+json/)
  t.equal((await app.inject({ url: '/v1/questions', headers: { accept: 'text/plain' } })).statusCode, 406)
})

t.test('GET /v1/questions/{id} gives the answer, its statements and their references resolved', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  for (const lang of LANGUAGES) {
    const res = await app.inject({ url: `/v1/questions/is-als-contagious?lang=${lang}` })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.lang, lang)
    t.equal(body.question, lang === 'en' ? 'Is ALS contagious?' : 'ALS bulaşıcı mı?')
    t.same(body.statements, ['als-is-not-infectious', 'epi-not-contagious', 'als-not-contagious'])
    t.same(body.supportingStatements.map((statement: { id: string }) => statement.id), body.statements)
    t.same(body.links.topics, body.topics.map((topic: string) => `${BASE_URL}/v1/topics/${topic}`))
    // The citations are exactly the supporting statements' references, each once, numbered in order.
    const cited = [...new Set(body.supportingStatements.flatMap((statement: { citations: string[] }) => statement.citations))]
    t.same(body.citations.map((reference: { id: string }) => reference.id), cited)
    t.same(body.citations.map((reference: { number: number }) => reference.number), cited.map((_id, index) => index + 1))
    for (const reference of body.citations) {
      t.ok(reference.citation.length > 20, `${reference.id} has a formatted citation`)
      t.ok(reference.links.doi ?? reference.links.pubmed ?? reference.links.url, `${reference.id} has a link`)
    }
    const statement = (await app.inject({ url: `/v1/statements/als-is-not-infectious?lang=${lang}` })).json()
    t.equal(body.supportingStatements[0].text, statement.text, 'the statement text as the statement resource has it')
    t.match(body.provenance, { lastReviewed: '2026-12-05' })
  }
  // Every question resolves, in both languages.
  for (const question of questions) {
    for (const lang of LANGUAGES) {
      const body = (await app.inject({ url: `/v1/questions/${question.id}?lang=${lang}` })).json()
      t.ok(body.citations.length > 0 && body.supportingStatements.length === question.statements.length, `${question.id} ${lang}`)
    }
  }
  const first = await app.inject({ url: '/v1/questions/how-common-is-als-in-turkey' })
  const statement = first.json().supportingStatements[0]
  t.equal(statement.id, 'epi-turkey-data')
  t.notOk('evidence' in statement, 'a statement without an evidence level has none')
  t.equal((await app.inject({ url: '/v1/questions/how-common-is-als-in-turkey', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 304)

  const missing = await app.inject({ url: '/v1/questions/is-als-catching' })
  t.equal(missing.statusCode, 404)
  t.match(missing.headers['content-type'], /application\/problem\+json/)
  t.match(missing.json(), { type: '/problems/not-found', status: 404, detail: 'There is no question "is-als-catching".' })
  t.same(missing.json().allowed, questions.map((question) => question.id))
})

interface Reduced { classes: Record<string, string[]>, properties: Record<string, string[]> }
const vocabulary = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'schemaorg-vocabulary.json'), 'utf8')) as Reduced
const lineage = (type: string): Set<string> => {
  const seen = new Set<string>()
  const visit = (name: string): void => { if (!seen.has(name)) { seen.add(name); for (const parent of vocabulary.classes[name] ?? []) visit(parent) } }
  visit(type)
  return seen
}
/** Every schema.org problem of a JSON-LD document: unknown types, and properties outside their type's domain. */
function schemaOrgProblems (node: unknown, path = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => schemaOrgProblems(item, `${path}[${index}]`))
  if (node === null || typeof node !== 'object') return []
  const type = (node as Record<string, unknown>)['@type'] as string
  if (vocabulary.classes[type] === undefined) return [`${path}: ${type} is not a schema.org type`]
  return Object.entries(node).flatMap(([key, value]) => {
    if (key.startsWith('@')) return []
    const domains = vocabulary.properties[key]
    if (domains === undefined || !domains.some((domain) => lineage(type).has(domain))) return [`${path}.${key}: not a property of ${type}`]
    return schemaOrgProblems(value, `${path}.${key}`)
  })
}

t.test('the questions as schema.org FAQPage JSON-LD: the set and each topic\'s', async (t) => {
  t.same(schemaOrgProblems({ '@type': 'FAQPage', acceptedAnswer: {} }), ['$.acceptedAnswer: not a property of FAQPage'], 'the checker finds problems')
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  for (const lang of LANGUAGES) {
    const res = await app.inject({ url: `/v1/questions?lang=${lang}`, headers: { accept: 'application/ld+json' } })
    t.equal(res.statusCode, 200)
    t.match(res.headers['content-type'], /application\/ld\+json/)
    t.match(res.headers.vary, /Accept/)
    const document = res.json()
    t.match(document, { '@context': 'https://schema.org', '@type': 'FAQPage', inLanguage: lang, lastReviewed: '2026-12-05', about: { '@type': 'MedicalCondition' } })
    t.equal(document.mainEntity.length, questions.length, 'the whole set, whatever the page size')
    t.same(schemaOrgProblems(document), [], `${lang}: valid schema.org`)
    for (const entity of document.mainEntity) {
      t.match(entity, { '@type': 'Question', name: /\?$/, acceptedAnswer: { '@type': 'Answer', text: String } })
      t.ok(entity.acceptedAnswer.citation.length > 0, `${entity.name} cites its sources`)
    }
  }
  for (const topic of TOPIC_IDS) {
    const res = await app.inject({ url: `/v1/questions?topic=${topic}&lang=tr`, headers: { accept: 'application/ld+json' } })
    const document = res.json()
    const expected = questions.filter((question) => (question.topics as string[]).includes(topic))
    t.equal(document.mainEntity.length, expected.length, `${topic}: its questions`)
    t.equal(document.name, `${real.content.topics[topic].title.tr}: sık sorulan sorular`)
    t.same(schemaOrgProblems(document), [], `${topic}: valid schema.org`)
  }
  t.equal((await app.inject({ url: '/v1/questions', headers: { accept: 'application/ld+json' } })).json().name, 'Frequently asked questions about ALS')
})

t.test('GET /embed/topics/{topic}/questions: an accessible, self-contained page of a topic\'s questions', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const res = await app.inject({ url: '/embed/topics/genetics/questions?lang=tr' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /text\/html/)
  t.match(res.headers['content-security-policy'], /frame-ancestors \*/)
  t.match(res.headers['content-security-policy'], /default-src 'none'/)
  t.notOk(res.headers['x-frame-options'], 'framable')
  t.equal(res.headers['content-language'], 'tr')
  const html = res.body
  t.match(html, /^<!doctype html><html lang="tr">/)
  const genetics = questions.filter((question) => (question.topics as string[]).includes('genetics'))
  t.equal(html.match(/<details id="q-/g)?.length, genetics.length, 'one <details> per question')
  t.match(html, '<summary>ALS kalıtsal mı?</summary>')
  t.match(html, /<sup><a href="#ref-1" aria-label="Kaynak 1">\[1\]<\/a><\/sup>/)
  t.match(html, /<ol class="refs"><li id="ref-1" value="1"[^>]*>/)
  t.match(html, /role="note"><strong>Tıbbi tavsiye değildir\.<\/strong>/)
  t.notMatch(html, /<script>/, 'no inline script')
  const jsonLd = JSON.parse((/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html) as RegExpExecArray)[1] as string)
  t.match(jsonLd, { '@type': 'FAQPage', inLanguage: 'tr' })
  t.equal(jsonLd.mainEntity.length, genetics.length)
  t.same(schemaOrgProblems(jsonLd), [])
  // Every citation number in the page points at an item of the reference list.
  const numbers = new Set([...html.matchAll(/href="#ref-(\d+)"/g)].map((match) => match[1]))
  for (const number of numbers) t.match(html, `<li id="ref-${number}" value="${number}" tabindex="-1">`)

  const dark = await app.inject({ url: '/embed/topics/genetics/questions?theme=dark', headers: { 'accept-language': 'tr' } })
  t.match(dark.body, /color-scheme:dark/)
  t.match(dark.body, /<html lang="tr">/)
  t.equal((await app.inject({ url: '/embed/topics/genetics/questions?theme=dark', headers: { 'accept-language': 'tr', 'if-none-match': String(dark.headers.etag) } })).statusCode, 304)

  const missing = await app.inject({ url: '/embed/topics/nope/questions' })
  t.equal(missing.statusCode, 404)
  t.match(missing.headers['content-type'], /application\/problem\+json/)
  t.same(missing.json().allowed, TOPIC_IDS.filter((topic) => questions.some((question) => (question.topics as string[]).includes(topic))))
  t.equal((await app.inject({ url: '/embed/topics/genetics/questions?theme=blue' })).statusCode, 400)
})

t.test('search finds a question when the query is that question in other words', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const cases: Array<[string, string, string]> = [
    ['is ALS contagious', 'en', 'is-als-contagious'],
    ['can you catch ALS', 'en', 'is-als-contagious'],
    ['ALS bulaşıcı mı', 'tr', 'is-als-contagious'],
    ['how long do people live with ALS', 'en', 'how-long-do-people-live-with-als'],
    ['ALS life expectancy', 'en', 'how-long-do-people-live-with-als'],
    ['ALS yaşam süresi', 'tr', 'how-long-do-people-live-with-als'],
    ['is ALS hereditary', 'en', 'is-als-hereditary'],
    ['ALS kalıtsal mı', 'tr', 'is-als-hereditary'],
    ['ALS tedavisi var mı', 'tr', 'can-als-be-cured'],
    ['do stem cells work for ALS', 'en', 'do-stem-cells-work'],
    ['is tofersen for everyone', 'en', 'is-tofersen-for-everyone']
  ]
  for (const [query, lang, id] of cases) {
    const body = (await app.inject({ url: `/v1/search?q=${encodeURIComponent(query)}&lang=${lang}` })).json()
    t.match(body.items[0], { kind: 'question', id, link: `${BASE_URL}/v1/questions/${id}` }, `"${query}" (${lang}) finds the question first`)
  }
  // A word or two is a name: the item comes first, the question that mentions it after.
  for (const [query, lang, item, question] of [['Relyvrio', 'en', 'treatment:sodium-phenylbutyrate-taurursodiol', 'what-happened-to-relyvrio'], ['beslenme tüpü', 'tr', 'treatment:gastrostomy', 'when-to-consider-a-feeding-tube']]) {
    const items = (await app.inject({ url: `/v1/search?q=${encodeURIComponent(query as string)}&lang=${lang}` })).json().items as Array<{ kind: string, id: string }>
    // The item ranks above the question that mentions it (a section named by the same words may rank above both).
    const itemAt = items.findIndex((hit) => `${hit.kind}:${hit.id}` === item)
    const questionAt = items.findIndex((hit) => hit.kind === 'question' && hit.id === question)
    t.ok(itemAt >= 0 && itemAt <= 1, `"${query}" finds the item at once (at ${itemAt})`)
    t.ok(questionAt > itemAt, `"${query}" also finds the question, after the item`)
  }
  const onlyQuestions = (await app.inject({ url: '/v1/search?q=ALS&kind=question&limit=100' })).json()
  t.ok(onlyQuestions.total >= 40 && onlyQuestions.items.every((item: { kind: string }) => item.kind === 'question'), 'kind=question')
})

// Issue 13: what a reader asks after the diagnosis (care, end of life, research), as they type it.
const AFTER_DIAGNOSIS: Record<string, { topic: string, queries: Array<[string, string]> }> = {
  'when-to-think-about-a-feeding-tube': { topic: 'care', queries: [['when should we think about a feeding tube', 'en'], ['when is it time for a PEG', 'en'], ['beslenme tüpü ne zaman takılmalı', 'tr'], ['PEG ne zaman takılır', 'tr']] },
  'is-oxygen-safe-in-als': { topic: 'care', queries: [['is oxygen safe', 'en'], ['is oxygen bad for ALS', 'en'], ['oksijen güvenli mi', 'tr'], ['ALS hastasına oksijen verilir mi', 'tr']] },
  'when-to-start-non-invasive-ventilation': { topic: 'care', queries: [['does non-invasive ventilation help', 'en'], ['when to start NIV', 'en'], ['non-invaziv ventilasyona ne zaman başlanır', 'tr']] },
  'how-to-communicate-when-speech-goes': { topic: 'care', queries: [['how will he talk when his speech goes', 'en'], ['eye gaze communication', 'en'], ['konuşamayan hasta nasıl iletişim kurar', 'tr']] },
  'what-is-voice-banking': { topic: 'care', queries: [['what is voice banking', 'en'], ['save my voice', 'en'], ['ses bankacılığı nedir', 'tr'], ['mesaj bankacılığı', 'tr']] },
  'should-people-with-als-exercise': { topic: 'care', queries: [['should he keep exercising', 'en'], ['is exercise harmful in ALS', 'en'], ['ALS\'de spor zararlı mı', 'tr']] },
  'what-is-dying-from-als-like': { topic: 'end-of-life', queries: [['what is dying from ALS like', 'en'], ['will he choke to death', 'en'], ['ALS\'den ölüm nasıl olur', 'tr'], ['ALS hastaları boğularak mı ölür', 'tr']] },
  'what-is-advance-care-planning': { topic: 'end-of-life', queries: [['what is advance care planning', 'en'], ['when should we talk about the end of life', 'en'], ['ileriye dönük bakım planlaması nedir', 'tr']] },
  'can-ventilation-be-stopped': { topic: 'end-of-life', queries: [['can ventilation be stopped if he wants', 'en'], ['stopping ventilation legal', 'en'], ['ventilasyon durdurulabilir mi', 'tr']] },
  'how-to-find-a-trial': { topic: 'research', queries: [['how do I find a trial', 'en'], ['find an ALS clinical trial', 'en'], ['ALS klinik çalışmasına nasıl katılırım', 'tr']] },
  'trial-or-stem-cell-clinic': { topic: 'research', queries: [['how do I tell a trial from a clinic that sells stem cells', 'en'], ['stem cell clinic or real trial', 'en'], ['kök hücre kliniği güvenilir mi nasıl anlarım', 'tr']] },
  'what-is-a-platform-trial': { topic: 'research', queries: [['what is a platform trial', 'en'], ['platform çalışması nedir', 'tr']] },
  'what-did-recent-trials-find': { topic: 'research', queries: [['what did recent ALS trials find', 'en'], ['recent ALS trial results', 'en'], ['son ALS çalışmaları ne buldu', 'tr']] },
  'what-is-expanded-access': { topic: 'research', queries: [['what is expanded access', 'en'], ['compassionate use', 'en'], ['genişletilmiş erişim nedir', 'tr'], ['çalışma dışında deneysel ilaç', 'tr']] }
}

t.test('the questions of issue 13 rest on the new topics\' statements, and search finds them as readers type them', async (t) => {
  const topicOf = new Map(Object.values(real.content.topics).flatMap((topic) => topic.sections.flatMap((section) => section.statements.map((statement) => [statement.id, topic.id] as const))))
  const newTopics = ['care', 'end-of-life', 'research']
  for (const [id, { topic }] of Object.entries(AFTER_DIAGNOSIS)) {
    const question = questions.find((entry) => entry.id === id)
    if (question === undefined) {
      t.fail(`question ${id}`)
      continue
    }
    t.equal(question.topics[0], topic, `${id}: main topic ${topic}`)
    for (const statement of question.statements) t.ok(newTopics.includes(topicOf.get(statement) ?? ''), `${id}: statement ${statement} belongs to a new topic (${topicOf.get(statement)})`)
    t.ok((question.alternatives?.en.length ?? 0) > 0 && (question.alternatives?.tr.length ?? 0) > 0, `${id}: phrasings in both languages`)
  }
  // Where the reader's next question is in a new topic, the section points there.
  const topics = real.content.topics as Record<string, { sections: Array<{ id: string, seeAlso?: Array<{ topic: string, section?: string }> }> }>
  for (const [from, to] of [['symptoms/late-stage', 'end-of-life/last-stage'], ['diagnosis/receiving-the-diagnosis', 'care/team'],
    ['treatments/investigational', 'research/finding-a-trial'], ['treatments/stem-cells', 'research/unproven-clinics']]) {
    const [topic, section] = from.split('/')
    const links = topics[topic]?.sections.find((entry) => entry.id === section)?.seeAlso ?? []
    t.ok(links.some((link) => `${link.topic}/${link.section}` === to), `${from} points to ${to}`)
  }
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const search = async (query: string, lang: string) =>
    (await app.inject({ url: `/v1/search?q=${encodeURIComponent(query)}&lang=${lang}` })).json().items as Array<{ kind: string, id: string }>
  for (const [id, { queries }] of Object.entries(AFTER_DIAGNOSIS)) {
    t.ok(queries.some(([, lang]) => lang === 'en') && queries.some(([, lang]) => lang === 'tr'), `${id}: queried in both languages`)
    for (const [query, lang] of queries) {
      const items = await search(query, lang)
      t.match(items[0], { kind: 'question', id }, `"${query}" (${lang}) finds ${id} first`)
    }
  }
  // A bare term names a section or statement of the topic, an equally good answer: the question follows within the top 3.
  for (const [query, lang, id, first] of [
    ['advance care planning', 'en', 'what-is-advance-care-planning', 'section:advance-care-planning'],
    ['genişletilmiş erişim', 'tr', 'what-is-expanded-access', 'section:finding-a-trial'],
    ['oxygen', 'en', 'is-oxygen-safe-in-als', 'statement:oxygen-not-alone'],
    ['oksijen', 'tr', 'is-oxygen-safe-in-als', 'statement:oxygen-not-alone'],
    ['voice banking', 'en', 'what-is-voice-banking', 'statement:voice-and-message-banking']
  ]) {
    const items = await search(query, lang)
    t.equal(`${items[0]?.kind}:${items[0]?.id}`, first, `"${query}" (${lang}) finds ${first} first`)
    const at = items.findIndex((hit) => hit.kind === 'question' && hit.id === id)
    t.ok(at >= 1 && at <= 2, `"${query}" (${lang}) finds ${id} in the top 3 (at ${at})`)
  }
})

t.test('the questions\' responses match the documented schemas, and the documented examples work on the real content', async (t) => {
  const spec = parse(readFileSync(OPENAPI_PATH, 'utf8'))
  const Ajv = Ajv2020.default
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'spec', components: spec.components })
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const check = async (url: string, path: string, status: number, type: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, status, url)
    const schema = JSON.parse(JSON.stringify(spec.paths[path].get.responses[String(status)].content[type].schema).replaceAll('"#/components/', '"spec#/components/'))
    const validate = ajv.compile(schema)
    t.ok(type === 'text/html' ? validate(res.body) : validate(res.json()), `${url}: ${ajv.errorsText(validate.errors)}`)
  }
  const example = (path: string, name: string) => {
    const parameters = spec.paths[path].get.parameters as Array<{ name: string, example?: string }>
    return parameters.find((parameter) => parameter.name === name)?.example as string
  }
  for (const lang of LANGUAGES) {
    await check(`/v1/questions?lang=${lang}`, '/v1/questions', 200, 'application/json')
    await check(`/v1/questions?lang=${lang}&topic=${example('/v1/questions', 'topic')}`, '/v1/questions', 200, 'application/ld+json', { accept: 'application/ld+json' })
    await check(`/v1/questions/${example('/v1/questions/{id}', 'id')}?lang=${lang}`, '/v1/questions/{id}', 200, 'application/json')
    await check(`/embed/topics/${example('/embed/topics/{topic}/questions', 'topic')}/questions?lang=${lang}`, '/embed/topics/{topic}/questions', 200, 'text/html')
  }
  await check('/v1/questions?fields=question', '/v1/questions', 200, 'application/json')
  await check('/v1/questions/nope', '/v1/questions/{id}', 404, 'application/problem+json')
  await check('/v1/questions?topic=nope', '/v1/questions', 400, 'application/problem+json')
  await check('/embed/topics/nope/questions', '/embed/topics/{topic}/questions', 404, 'application/problem+json')
})
