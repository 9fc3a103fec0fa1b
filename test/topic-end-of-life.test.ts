/**
 * The `end-of-life` topic, served from the real content through the app: its sections and decision points in both
 * languages, every citation resolving, and the facts a reader must be able to trust stated as the sources state them
 * (when NICE says to talk about the end of life, the right to stop ventilation, what the last stage is like).
 */
import t, { type Test } from 'tap'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'

interface Statement { id: string, text: string, citations: string[], evidence?: string }
interface Section { id: string, heading: string, statements: Statement[], seeAlso?: Array<{ topic: string, section?: string, title: string, href: string }> }
interface Trigger { kind: string, description: string, citations: string[] }
interface DecisionPoint { id: string, name: string, whenItArises: string, triggers: Trigger[], options: Array<{ id?: string, text: string }>, guidance: string, citations: string[] }
interface Reference { id: string, doi?: string, pmid?: string, url?: string, links: { doi?: string, pubmed?: string, url?: string } }
interface EndOfLifeTopic {
  id: string
  lang: string
  title: string
  summary: string
  sections: Section[]
  data: { decisionPoints: DecisionPoint[] }
  references: Reference[]
}

async function getTopic (t: Test, lang: 'en' | 'tr'): Promise<EndOfLifeTopic> {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const res = await app.inject({ url: `/v1/topics/end-of-life?lang=${lang}` })
  t.equal(res.statusCode, 200, `served in ${lang}`)
  return res.json()
}

function statementsOf (topic: EndOfLifeTopic): Map<string, Statement> {
  return new Map(topic.sections.flatMap((section) => section.statements.map((statement) => [statement.id, statement])))
}

function statement (topic: EndOfLifeTopic, id: string): Statement {
  const found = statementsOf(topic).get(id)
  if (found === undefined) throw new Error(`no statement ${id}`)
  return found
}

t.test('the topic is served whole, in both languages, with at least 25 cited statements', async (t) => {
  for (const lang of ['en', 'tr'] as const) {
    const topic = await getTopic(t, lang)
    t.match(topic, { id: 'end-of-life', lang })
    t.same(topic.sections.map((section) => section.id),
      ['advance-care-planning', 'palliative-care', 'ventilation-decisions', 'feeding-decisions', 'last-stage', 'family-support', 'assisted-dying'])
    const statements = [...statementsOf(topic).values()]
    t.ok(statements.length >= 25, `≥ 25 statements (${statements.length})`)
    const referenceIds = new Set(topic.references.map((reference) => reference.id))
    const cited = [
      ...statements.flatMap((item) => item.citations),
      ...topic.data.decisionPoints.flatMap((point) => [...point.citations, ...point.triggers.flatMap((trigger) => trigger.citations)])
    ]
    t.same(cited.filter((id) => !referenceIds.has(id)), [], 'every citation resolves to a reference in the response')
    t.ok(statements.every((item) => item.citations.length >= 1), 'every statement cites a source')
  }
})

t.test('the Turkish version is Turkish, not a copy of the English', async (t) => {
  const en = await getTopic(t, 'en')
  const tr = await getTopic(t, 'tr')
  t.equal(tr.title, 'İleriye dönük planlama ve son dönem')
  const english = statementsOf(en)
  for (const [id, item] of statementsOf(tr)) t.not(item.text, english.get(id)?.text, `${id} is translated`)
  t.match(statement(tr, 'acp-when-nice').text, /tanıda.*solunum işlevinde belirgin bir değişiklik.*gastrostomi veya non-invaziv ventilasyon/s)
  t.match(statement(tr, 'ventilation-right-to-stop').text, /durdurulmasını isteme hakları.*yasal/s)
  t.match(statement(tr, 'last-stage-most-die-peacefully').text, /%88.*%98/s)
  t.match(statement(tr, 'last-stage-fear-of-choking').text, /hiçbir hastanın boğularak ölmediği/)
})

t.test('when to talk about the end of life is stated as NICE states it', async (t) => {
  const topic = await getTopic(t, 'en')
  const when = statement(topic, 'acp-when-nice')
  t.match(when.text, /at diagnosis and at key stages/)
  t.match(when.text, /significant change in respiratory function/)
  t.match(when.text, /gastrostomy or non-invasive ventilation are needed/)
  t.same(when.citations, ['nice-qs126-end-of-life-planning', 'nice-ng42'])
  t.equal(when.evidence, 'established')
  t.match(statement(topic, 'acp-person-sets-the-pace').text, /up\s+to them/)
  const talking = topic.data.decisionPoints.find((point) => point.id === 'talking-about-end-of-life')
  t.same(talking?.triggers.map((trigger) => trigger.kind), ['at-diagnosis', 'respiratory-change', 'gastrostomy-considered', 'ventilation-considered'])
  t.ok(talking?.options.some((option) => option.id === 'talk-later'), 'not talking yet is an option')
})

t.test('stopping ventilation at the person\'s request is framed as the guidance frames it', async (t) => {
  const topic = await getTopic(t, 'en')
  const right = statement(topic, 'ventilation-right-to-stop')
  t.match(right.text, /right to ask to stop ventilation/)
  t.match(right.text, /this is legal and that healthcare teams will support them/)
  t.same(right.citations, ['apm-2015-withdrawal-of-ventilation'])
  const stopping = topic.data.decisionPoints.find((point) => point.id === 'stopping-ventilation')
  t.same(stopping?.triggers.map((trigger) => trigger.kind), ['person-asks-to-stop', 'ventilator-dependence'])
  t.same(stopping?.options.map((option) => option.id), ['continue-ventilation', 'planned-withdrawal'])
  t.match(statement(topic, 'assisted-dying-distinct-from-stopping').text, /different from euthanasia or\s+assisted suicide/)
  const apm = topic.references.find((reference) => reference.id === 'apm-2015-withdrawal-of-ventilation')
  t.equal(apm?.url, 'https://apmonline.org/withdrawal-of-assisted-ventilation-at-the-request-of-a-patient')
})

t.test('the last stage: fear and fact, with the evidence that cuts the other way', async (t) => {
  const topic = await getTopic(t, 'en')
  t.match(statement(topic, 'last-stage-fear-of-choking').text, /no patient had\s+choked to death/)
  t.match(statement(topic, 'last-stage-most-die-peacefully').text, /88% in the German group and 98% in the British group/)
  t.match(statement(topic, 'last-stage-bulbar-choking-reported').text, /choking was reported in six people with bulbar ALS/)
  t.match(statement(topic, 'last-stage-opioids-benzodiazepines').text, /morphine.*benzodiazepines/s)
  t.match(statement(topic, 'assisted-dying-netherlands').text, /17% died by euthanasia and 3% by\s+physician-assisted suicide/)
  const neudert = topic.references.find((reference) => reference.id === 'neudert-2001-terminal-phase')
  t.match(neudert, { doi: '10.1007/s004150170140', pmid: '11518004', links: { doi: 'https://doi.org/10.1007/s004150170140' } })
})

t.test('every decision point has options, guidance and sources', async (t) => {
  const topic = await getTopic(t, 'en')
  t.same(topic.data.decisionPoints.map((point) => point.id), [
    'talking-about-end-of-life', 'niv-decision', 'tracheostomy-decision', 'stopping-ventilation',
    'gastrostomy-decision', 'stopping-tube-feeding', 'place-of-care-and-death'
  ])
  for (const point of topic.data.decisionPoints) {
    t.ok(point.options.length >= 2, `${point.id} offers a choice`)
    t.ok(point.whenItArises.length > 0 && point.guidance.length > 0 && point.citations.length > 0, `${point.id} is complete`)
  }
})

t.test('a bad language is a 400 problem, and a section can be asked for alone, with its cross-links', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const bad = await app.inject({ url: '/v1/topics/end-of-life?lang=de' })
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /^application\/problem\+json/)
  const one = await app.inject({ url: '/v1/topics/end-of-life?sections=last-stage&lang=tr' })
  t.equal(one.statusCode, 200)
  const sections = (one.json() as EndOfLifeTopic).sections
  t.same(sections.map((section) => section.id), ['last-stage'])
  t.match(sections[0].seeAlso, [{ topic: 'symptoms', section: 'late-stage', href: /\/v1\/topics\/symptoms\?sections=late-stage/ }], 'the last stage points to the late-stage symptoms')
})
