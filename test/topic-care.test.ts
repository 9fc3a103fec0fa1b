/**
 * The `care` topic (living with ALS), served from the real content in both languages. Pins the safety-critical
 * facts a reader acts on: oxygen is not a treatment for ALS breathing failure, the NIV trial result and its
 * condition (no survival benefit with severe bulbar weakness), NIV can be stopped, the thresholds are given with
 * their conditions and source, gastrostomy timing, and that every citation resolves to a checkable reference.
 */
import t from 'tap'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'
import { LANGUAGES } from '../schemas/common.ts'
import { CARE_AREAS, TRIGGER_MEASURES } from '../schemas/topics/care.ts'

interface Statement { id: string, text: string, citations: string[], evidence?: string }
interface Section { id: string, heading: string, statements: Statement[] }
interface Trigger { measure: string, comparator: string, value: number, conditions: string, source: string }
interface Intervention {
  id: string,
  name: string,
  area: string,
  whenToConsider: string,
  triggers: Trigger[],
  whatItDoes: string,
  evidence: string,
  recommendedBy: string[],
  safetyNotes?: string,
  citations: string[]
}
interface Reference { id: string, type: string, doi?: string, pmid?: string, url?: string, number: number, citation: string }
interface CareTopic { id: string, lang: string, title: string, summary: string, sections: Section[], data: { interventions: Intervention[] }, references: Reference[] }

// One app and database for the file: the content is read-only here.
const app = await buildTestApp(t, { contentDir: REAL_CONTENT })

async function fetchCare (lang: string): Promise<CareTopic> {
  const res = await app.inject({ url: `/v1/topics/care?lang=${lang}` })
  if (res.statusCode !== 200 || res.headers['content-language'] !== lang) throw new Error(`care in ${lang}: ${res.statusCode} ${res.body}`)
  return res.json()
}

const statement = (topic: CareTopic, id: string): Statement => {
  const found = topic.sections.flatMap((section) => section.statements).find((item) => item.id === id)
  if (found === undefined) throw new Error(`no statement ${id}`)
  return found
}
const intervention = (topic: CareTopic, id: string): Intervention => {
  const found = topic.data.interventions.find((item) => item.id === id)
  if (found === undefined) throw new Error(`no intervention ${id}`)
  return found
}

t.test('the care topic is served in both languages, with the sections and minimums the issue asks for', async (t) => {
  for (const lang of LANGUAGES) {
    const res = await app.inject({ url: `/v1/topics/care?lang=${lang}` })
    t.equal(res.statusCode, 200, `care answers in ${lang}`)
    t.equal(res.headers['content-language'], lang)
  }
  const en = await fetchCare('en')
  const tr = await fetchCare('tr')
  t.match(en, { id: 'care', lang: 'en', title: 'Living with ALS' })
  t.match(tr, { id: 'care', lang: 'tr', title: 'ALS ile yaşamak' })
  t.same(en.sections.map((section) => section.id),
    ['team', 'breathing', 'nutrition', 'communication', 'mobility', 'exercise', 'cognition-behaviour', 'mood', 'driving-work', 'carers'])
  const statements = en.sections.flatMap((section) => section.statements)
  t.ok(statements.length >= 30, `≥ 30 cited statements (${statements.length})`)
  t.ok(en.data.interventions.length >= 20, `≥ 20 interventions (${en.data.interventions.length})`)
  // The same ids, in the same order, in both languages; every text differs between the languages.
  t.same(tr.sections.flatMap((section) => section.statements.map((item) => item.id)), statements.map((item) => item.id))
  const trTexts = new Map(tr.sections.flatMap((section) => section.statements).map((item) => [item.id, item.text]))
  for (const item of statements) t.not(trTexts.get(item.id), item.text, `${item.id} is translated`)
  t.same(tr.data.interventions.map((item) => item.id), en.data.interventions.map((item) => item.id))
  for (const item of en.data.interventions) {
    t.ok((CARE_AREAS as readonly string[]).includes(item.area), `${item.id} has a known area`)
    for (const trigger of item.triggers) t.ok((TRIGGER_MEASURES as readonly string[]).includes(trigger.measure), `${item.id} trigger measure`)
  }
  for (const area of ['team', 'respiratory', 'nutrition', 'communication', 'mobility', 'exercise', 'cognitive', 'psychological', 'carer']) {
    t.ok(en.data.interventions.some((item) => item.area === area), `an intervention for ${area}`)
  }
})

t.test('every citation and recommendation resolves to a reference with a checkable identifier', async (t) => {
  for (const lang of LANGUAGES) {
    const topic = await fetchCare(lang)
    const references = new Map(topic.references.map((reference) => [reference.id, reference]))
    const cited = [
      ...topic.sections.flatMap((section) => section.statements.flatMap((item) => item.citations)),
      ...topic.data.interventions.flatMap((item) => [...item.citations, ...item.recommendedBy, ...item.triggers.map((trigger) => trigger.source)])
    ]
    for (const id of new Set(cited)) t.ok(references.has(id), `${lang}: ${id} is in the topic's references`)
    for (const item of topic.sections.flatMap((section) => section.statements)) t.ok(item.citations.length >= 1, `${item.id} is cited`)
    for (const reference of topic.references) {
      if (reference.type === 'journal-article' || reference.type === 'review') {
        t.ok(reference.doi !== undefined || reference.pmid !== undefined, `${reference.id} has a DOI or PMID`)
      } else if (reference.doi === undefined && reference.pmid === undefined) {
        t.match(reference.url, /^https:\/\//, `${reference.id}, a body's page, has its URL`)
      }
    }
    t.same(topic.references.map((reference) => reference.number), topic.references.map((_, index) => index + 1), 'numbered in citation order')
  }
})

t.test('oxygen: not a treatment for ALS breathing failure, with its conditions, in both languages', async (t) => {
  const en = await fetchCare('en')
  const tr = await fetchCare('tr')
  const text = statement(en, 'oxygen-not-alone')
  t.match(text.text, /not usually recommended/)
  t.match(text.text, /carbon dioxide/)
  t.match(text.text, /only with caution and monitoring/)
  t.match(statement(tr, 'oxygen-not-alone').text, /genellikle önerilmez/)
  t.match(statement(tr, 'oxygen-not-alone').text, /karbondioksit/)
  const oxygen = intervention(en, 'supplemental-oxygen')
  t.equal(oxygen.evidence, 'not-supported')
  t.same(oxygen.recommendedBy, [], 'no guideline recommends it')
  t.match(oxygen.safetyNotes, /carbon dioxide build up/)
  t.match(en.summary, /oxygen on its own is not usually recommended/)
})

t.test('non-invasive ventilation: the trial result with its bulbar condition, stopping, and the thresholds with their conditions', async (t) => {
  const en = await fetchCare('en')
  const tr = await fetchCare('tr')
  const trial = statement(en, 'niv-randomised-trial-result')
  t.match(trial.text, /205 days/)
  t.match(trial.text, /severe bulbar .*not survival/)
  t.same(trial.citations, ['bourke-2006-niv-lancet-neurol'])
  t.equal(trial.evidence, 'established')
  t.match(statement(tr, 'niv-randomised-trial-result').text, /205 gün/)
  t.match(statement(en, 'niv-trial-and-stopping').text, /stopped whenever the person wants/)
  t.match(statement(en, 'breathing-checked-every-2-to-3-months').text, /every 2 to 3 months/)

  const niv = intervention(en, 'non-invasive-ventilation')
  t.same(niv.triggers.map((trigger) => [trigger.measure, trigger.comparator, trigger.value, trigger.source]), [
    ['fvc-percent-predicted', '<=', 80, 'wijesekera-2009-als-review'],
    ['snip-cmh2o', '<=', 40, 'wijesekera-2009-als-review'],
    ['pco2-kpa', '>=', 6.5, 'wijesekera-2009-als-review']
  ])
  for (const trigger of niv.triggers) t.match(trigger.conditions, /symptom of breathing-muscle weakness/, `${trigger.measure} is never a threshold on its own`)
  t.match(statement(en, 'niv-european-consensus-criteria').text, /all three of/)
  t.match(statement(tr, 'niv-european-consensus-criteria').text, /üçünün birlikte/)
  t.match(niv.safetyNotes, /does not stop ALS/)
  t.match(intervention(en, 'respiratory-monitoring').triggers[0], { measure: 'months-since-last-assessment', source: 'nice-qs126-respiratory' })
})

t.test('nutrition: gastrostomy timing and the diet trials, stated with their limits', async (t) => {
  const en = await fetchCare('en')
  const tr = await fetchCare('tr')
  const gastrostomy = intervention(en, 'gastrostomy')
  t.same(gastrostomy.triggers.map((trigger) => [trigger.measure, trigger.comparator, trigger.value, trigger.source]),
    [['weight-loss-percent', '>', 10, 'andersen-2012-efns-guideline']])
  t.match(gastrostomy.triggers[0].conditions, /individual decision/)
  t.match(gastrostomy.safetyNotes, /4% .*30 days/)
  t.match(statement(en, 'gastrostomy-timing-efns').text, /weight loss of more than 10%/)
  t.match(statement(tr, 'gastrostomy-timing-efns').text, /%10'dan fazla kilo kaybı/)
  t.match(statement(en, 'gastrostomy-before-breathing-weakens').text, /riskier once weight loss and breathing weakness are advanced/)
  const lipcal = statement(en, 'high-calorie-diet-lipcal')
  t.match(lipcal.text, /did not lengthen survival overall/)
  t.equal(lipcal.evidence, 'investigational')
  t.equal(intervention(en, 'high-calorie-supplements').evidence, 'investigational')
  t.match(en.references.find((reference) => reference.id === 'ludolph-2020-lipcal-als'), { doi: '10.1002/ana.25661', pmid: '31849093' })
})

t.test('communication: banking early, brain–computer interfaces as research only', async (t) => {
  const en = await fetchCare('en')
  t.match(statement(en, 'voice-and-message-banking').text, /while speech is still clear/)
  const bci = intervention(en, 'brain-computer-interface')
  t.equal(bci.evidence, 'investigational')
  t.match(bci.whenToConsider, /Only within a clinical trial/)
  t.equal(statement(en, 'brain-computer-interfaces-research').evidence, 'investigational')
})

t.test('an unknown topic still answers 404 problem+json that lists care among the topics', async (t) => {
  const res = await app.inject({ url: '/v1/topics/living-with-als' })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.ok((res.json() as { allowed: string[] }).allowed.includes('care'))
})

t.test('cross-links: care points to the symptoms and treatments it builds on, and they point back to care', async (t) => {
  const tr = await fetchCare('tr')
  const breathing = tr.sections.find((section) => section.id === 'breathing') as Section & { seeAlso: Array<{ topic: string, section?: string, title: string, href: string }> }
  t.match(breathing.seeAlso, [{ topic: 'symptoms', section: 'breathing' }, { topic: 'treatments', section: 'breathing', href: /\/v1\/topics\/treatments\?sections=breathing$/ }])
  for (const [topic, section, target] of [['treatments', 'breathing', 'breathing'], ['treatments', 'nutrition', 'nutrition'], ['symptoms', 'breathing', 'breathing'], ['symptoms', 'cognition-and-behaviour', 'cognition-behaviour']]) {
    const res = await app.inject({ url: `/v1/topics/${topic}?lang=en&sections=${section}` })
    t.equal(res.statusCode, 200)
    const links = (res.json() as { sections: Array<{ seeAlso?: Array<{ topic: string, section?: string, title: string }> }> }).sections[0].seeAlso
    t.match(links, [{ topic: 'care', section: target, title: /^Living with ALS: / }], `${topic}/${section} points to care/${target}`)
  }
})
