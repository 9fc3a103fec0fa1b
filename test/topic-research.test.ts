/**
 * The `research` topic (issue 13), served by the app from the real content: trials and unproven treatments.
 * Pins the facts a reader could be hurt by getting wrong — no stem-cell treatment approved for ALS, the conditions of
 * expanded access, the registry ids checked against the registry records, failed trials reported as failed — in
 * both languages, and checks that every statement and programme cites references that the response carries.
 */
import t, { type Test } from 'tap'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'

interface Statement { id: string, text: string, citations: string[], evidence?: string }
interface Section { id: string, heading: string, statements: Statement[] }
interface RegistryId { registry: string, id: string, url: string }
interface Programme {
  id: string,
  name: string,
  sponsor: string,
  interventions: string[],
  design: string,
  phase: string,
  platform: boolean,
  registryIds: RegistryId[],
  state: string,
  status: string,
  statusAsOf: string,
  results?: string,
  citations: string[]
}
interface ResearchTopic {
  id: string,
  lang: string,
  title: string,
  summary: string,
  lastReviewed: string,
  sections: Section[]
  data: { programmes: Programme[] }
  references: Array<{ id: string, number: number, doi?: string, pmid?: string, url?: string }>
}

/** The topic in English and in Turkish, from one app built on the real content. */
async function fetchTopics (t: Test): Promise<[ResearchTopic, ResearchTopic]> {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const [en, tr] = await Promise.all(['en', 'tr'].map(async (lang) => await app.inject({ url: `/v1/topics/research?lang=${lang}` })))
  t.equal(en.statusCode, 200, 'GET /v1/topics/research?lang=en')
  t.equal(tr.statusCode, 200, 'GET /v1/topics/research?lang=tr')
  return [en.json(), tr.json()]
}

function statement (topic: ResearchTopic, id: string): Statement {
  const found = topic.sections.flatMap((section) => section.statements).find((item) => item.id === id)
  if (found === undefined) throw new Error(`no statement ${id}`)
  return found
}

function programme (topic: ResearchTopic, id: string): Programme {
  const found = topic.data.programmes.find((item) => item.id === id)
  if (found === undefined) throw new Error(`no programme ${id}`)
  return found
}

t.test('the topic is served whole in both languages, every claim cited', async (t) => {
  const [en, tr] = await fetchTopics(t)
  t.equal(en.id, 'research')
  t.equal(en.title, 'Trials and unproven treatments')
  t.equal(tr.title, 'Klinik çalışmalar ve kanıtlanmamış tedaviler')
  t.same(en.sections.map((section) => section.id), ['how-trials-work', 'current-programmes', 'recent-results', 'finding-a-trial', 'unproven-clinics'])
  const statements = en.sections.flatMap((section) => section.statements)
  t.ok(statements.length >= 25, `≥ 25 cited statements (${statements.length})`)
  t.ok(en.data.programmes.length >= 10, `≥ 10 trial programmes (${en.data.programmes.length})`)

  const served = new Set(en.references.map((reference) => reference.id))
  for (const item of [...statements, ...en.data.programmes]) {
    t.ok(item.citations.length >= 1, `${item.id} cites a source`)
    for (const id of item.citations) t.ok(served.has(id), `${item.id}: ${id} is among the references served`)
  }
  for (const reference of en.references) {
    t.ok(reference.doi !== undefined || reference.pmid !== undefined || reference.url !== undefined, `${reference.id} can be checked (DOI, PMID or URL)`)
  }
  const trStatements = tr.sections.flatMap((section) => section.statements)
  t.same(trStatements.map((item) => item.id), statements.map((item) => item.id), 'same statements in Turkish')
  for (const [index, item] of trStatements.entries()) t.not(item.text, statements[index].text, `${item.id} is translated`)
})

t.test('stem cells: not approved for ALS, regulators warn, failed trials reported as failed', async (t) => {
  const [en, tr] = await fetchTopics(t)
  const none = statement(en, 'no-approved-stem-cell-als')
  t.match(none.text, /^No stem-cell treatment is approved for ALS in the USA or the European Union/)
  t.equal(none.evidence, 'established')
  t.match(statement(tr, 'no-approved-stem-cell-als').text, /ALS için onaylanmış hiçbir kök hücre tedavisi yoktur/)
  t.ok(none.citations.includes('fda-2021-regenerative-medicine-consumer-info'), 'cited to the FDA warning')

  const signs = statement(en, 'signs-of-unproven-clinic')
  t.match(signs.text, /outside an authorised\s+clinical trial/)
  t.ok(signs.citations.includes('ema-2025-unregulated-atmps'), 'cited to the EMA/HMA warning')
  t.match(statement(tr, 'signs-of-unproven-clinic').text, /onaylı bir klinik çalışmanın dışında/)

  const phase3 = statement(en, 'stem-cell-phase3-results')
  t.equal(phase3.evidence, 'not-supported')
  t.match(phase3.text, /did not meet their primary end points/)
  t.equal(statement(en, 'korean-conditional-approval-not-proof').evidence, 'not-supported')

  // No stem-cell or unproven product is presented as working: every claim of benefit is about a failed or subgroup result.
  for (const id of ['alsummit', 'nurown-phase-3']) {
    const item = programme(en, id)
    t.notMatch(item.results ?? '', /\b(effective|works|slows)\b/i, `${id}: no efficacy claim`)
    t.match(item.results ?? '', /not|no /i, `${id}: the result is stated as negative`)
  }
})

t.test('expanded access is described with the FDA\'s conditions and cautions', async (t) => {
  const [en, tr] = await fetchTopics(t)
  const what = statement(en, 'expanded-access-what')
  for (const condition of [/serious or\s+immediately life-threatening/, /no\s+comparable or satisfactory alternative/, /cannot enrol in a trial/, /potential benefit justifies the\s+risks/]) {
    t.match(what.text, condition, `condition ${String(condition)}`)
  }
  t.same(what.citations, ['fda-expanded-access'])
  t.match(statement(en, 'expanded-access-cautions').text, /has not been found safe and effective/)
  t.match(statement(tr, 'expanded-access-what').text, /Genişletilmiş erişim \("insani amaçlı kullanım"\)/)
})

t.test('trial programmes: registry ids exactly as checked, status dated, results where published', async (t) => {
  const [en, tr] = await fetchTopics(t)
  const ids = Object.fromEntries(en.data.programmes.map((item) => [item.id, item.registryIds.map((registryId) => `${registryId.registry}:${registryId.id}`)]))
  t.same(ids['healey-als-platform-trial'], ['clinicaltrials.gov:NCT04297683'])
  t.same(ids['mnd-smart'], ['clinicaltrials.gov:NCT04302870'])
  t.same(ids['experts-als'], ['isrctn:ISRCTN15525855'])
  t.same(ids.magnet, ['clinicaltrials.gov:NCT06008249'])
  t.same(ids.atlas, ['clinicaltrials.gov:NCT04856982'])
  t.same(ids.phoenix, ['clinicaltrials.gov:NCT05021536'])
  t.same(ids['oral-edaravone-mt-1186-a02'], ['clinicaltrials.gov:NCT04569084'], 'the daily-versus-on/off edaravone study is A02 (A01 was an open-label safety study)')
  t.same(ids.valor, [], 'VALOR: no id could be checked against the registry record, so none is given')
  for (const item of en.data.programmes) {
    for (const registryId of item.registryIds) t.ok(registryId.url.endsWith(registryId.id), `${item.id}: the URL is the record of ${registryId.id}`)
    t.ok(item.statusAsOf <= en.lastReviewed, `${item.id}: status dated (${item.statusAsOf}) no later than the review`)
    t.ok(item.status.length > 10, `${item.id}: status stated`)
  }
  t.equal(programme(en, 'magnet').state, 'stopped', 'MAGNET lithium arm stopped')
  t.match(programme(en, 'magnet').results ?? '', /no survival benefit/)
  t.match(programme(en, 'phoenix').results ?? '', /did not confirm/)
  t.ok(programme(en, 'healey-als-platform-trial').platform && programme(en, 'mnd-smart').platform, 'HEALEY and MND-SMART are platforms')
  t.equal(programme(en, 'experts-als').phase, 'experimental-medicine', 'EXPERTS-ALS screens drugs, it does not test benefit')
  t.equal(programme(tr, 'phoenix').name, 'PHOENIX', 'names are proper names in every language')
  t.not(programme(tr, 'phoenix').design, programme(en, 'phoenix').design, 'design is translated')
})

t.test('no new statement id repeats one of another topic', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const list = (await app.inject({ url: '/v1/topics' })).json() as { items: Array<{ id: string }> }
  const seen = new Map<string, string>()
  for (const { id: topicId } of list.items) {
    const topic = (await app.inject({ url: `/v1/topics/${topicId}` })).json() as { sections: Section[] }
    for (const item of topic.sections.flatMap((section) => section.statements)) {
      t.notOk(seen.has(item.id), `${item.id} (${topicId}) is unique${seen.has(item.id) ? `, also in ${seen.get(item.id) ?? ''}` : ''}`)
      seen.set(item.id, topicId)
    }
  }
  t.ok([...seen.values()].includes('research'), 'the research topic is listed')
})
