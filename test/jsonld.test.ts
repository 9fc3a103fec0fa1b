/**
 * The JSON-LD of every topic, checked offline against the schema.org vocabulary (../shared/data, or
 * SCHEMAORG_JSONLD): every @type is a schema.org class, every property a schema.org property whose domain includes
 * the node's type or one of its ancestors. test/fixtures/schemaorg-vocabulary.json is the same vocabulary reduced to
 * classes (with parents) and properties (with domains), so the check runs where the full file is absent (CI); when the
 * full file is present, the reduced one must match it.
 */
import t from 'tap'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'
import { PROJECT_ROOT } from '../src/paths.ts'
import { LANGUAGES } from '../schemas/common.ts'
import { TOPIC_IDS, TOPICS } from '../schemas/topics/index.ts'
import { topicJsonLd } from '../src/render/jsonld.ts'

// shared/ stands beside the project's folder, on developers' machines and in CI.
const VOCABULARY = process.env.SCHEMAORG_JSONLD ?? join(PROJECT_ROOT, '..', 'shared', 'data', 'schemaorg-current-https.jsonld')
const REDUCED = join(PROJECT_ROOT, 'test', 'fixtures', 'schemaorg-vocabulary.json')

interface VocabNode { '@id': string, '@type': string | string[], 'rdfs:subClassOf'?: Ref | Ref[], 'schema:domainIncludes'?: Ref | Ref[] }
interface Ref { '@id': string }

const list = <T>(value: T | T[] | undefined): T[] => value === undefined ? [] : Array.isArray(value) ? value : [value]

interface Reduced { classes: Record<string, string[]>, properties: Record<string, string[]> }

function reduceVocabulary (path: string): Reduced {
  const graph = (JSON.parse(readFileSync(path, 'utf8')) as { '@graph': VocabNode[] })['@graph']
  const reduced: Reduced = { classes: {}, properties: {} }
  const names = (refs: Ref | Ref[] | undefined): string[] => list(refs).map((ref) => ref['@id'].replace(/^schema:/, '')).sort()
  for (const node of [...graph].sort((a, b) => a['@id'].localeCompare(b['@id']))) {
    const types = list(node['@type'])
    const name = node['@id'].replace(/^schema:/, '')
    if (types.includes('rdfs:Class')) reduced.classes[name] = names(node['rdfs:subClassOf'])
    if (types.includes('rdf:Property')) reduced.properties[name] = names(node['schema:domainIncludes'])
  }
  return reduced
}

function loadVocabulary (reduced: Reduced) {
  const classes = new Map(Object.entries(reduced.classes))
  const properties = new Map(Object.entries(reduced.properties))
  const ancestors = (type: string): Set<string> => {
    const seen = new Set<string>()
    const visit = (name: string): void => {
      if (seen.has(name)) return
      seen.add(name)
      for (const parent of classes.get(name) ?? []) visit(parent)
    }
    visit(type)
    return seen
  }
  return { classes, properties, ancestors }
}

/** Every problem of a JSON-LD document against the vocabulary, and the types it uses. */
function check (document: unknown, vocabulary: ReturnType<typeof loadVocabulary>): { problems: string[], types: Set<string> } {
  const problems: string[] = []
  const types = new Set<string>()
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) { node.forEach((item, index) => visit(item, `${path}[${index}]`)); return }
    if (node === null || typeof node !== 'object') return
    const type = (node as Record<string, unknown>)['@type']
    if (typeof type !== 'string') { problems.push(`${path}: a node without @type`); return }
    types.add(type)
    if (!vocabulary.classes.has(type)) problems.push(`${path}: ${type} is not a schema.org type`)
    const lineage = vocabulary.ancestors(type)
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@')) continue
      const domains = vocabulary.properties.get(key)
      if (domains === undefined) problems.push(`${path}.${key}: not a schema.org property`)
      else if (!domains.some((domain) => lineage.has(domain))) problems.push(`${path}.${key}: not a property of ${type}`)
      visit(value, `${path}.${key}`)
    }
  }
  visit(document, '$')
  return { problems, types }
}

t.test('the reduced vocabulary is the schema.org vocabulary', { skip: existsSync(VOCABULARY) ? false : `full schema.org vocabulary not found at ${VOCABULARY}` }, async (t) => {
  const reduced = reduceVocabulary(VOCABULARY)
  if (process.env.WRITE_SCHEMAORG === '1') writeFileSync(REDUCED, `${JSON.stringify(reduced)}\n`)
  t.same(JSON.parse(readFileSync(REDUCED, 'utf8')), reduced, 'regenerate with WRITE_SCHEMAORG=1 npx tap test/jsonld.test.ts')
})

t.test('the JSON-LD of every topic uses only schema.org types and properties, as schema.org defines them', async (t) => {
  const vocabulary = loadVocabulary(JSON.parse(readFileSync(REDUCED, 'utf8')) as Reduced)
  t.ok(vocabulary.classes.has('MedicalCondition') && vocabulary.properties.has('signOrSymptom'), 'vocabulary loaded')
  const negative = check({ '@type': 'MedicalWebPage', nope: 1, signOrSymptom: [], about: { '@type': 'Nope' }, citation: [{}] }, vocabulary)
  t.same(negative.problems, ['$.nope: not a schema.org property', '$.signOrSymptom: not a property of MedicalWebPage', '$.about: Nope is not a schema.org type', '$.citation[0]: a node without @type'], 'the checker finds problems')

  const app = await buildTestApp(t)
  const used = new Set<string>()
  for (const lang of LANGUAGES) {
    for (const id of TOPIC_IDS) {
      const res = await app.inject({ url: `/v1/topics/${id}?lang=${lang}`, headers: { accept: 'application/ld+json' } })
      const document = res.json()
      t.equal(document['@context'], 'https://schema.org', `${id} ${lang} @context`)
      const { problems, types } = check(document, vocabulary)
      t.same(problems, [], `${id} ${lang}`)
      for (const type of types) used.add(type)
    }
  }
  // Risk factors and non-drug therapies, which the fixture does not have.
  const epidemiology = app.content.topic('epidemiology', 'en')
  const treatments = app.content.topic('treatments', 'en')
  const definition = app.content.topic('definition', 'en')
  const risk = { ...epidemiology, data: { ...(epidemiology.data as object), riskFactors: [{ id: 'age', name: 'Age', description: 'd', evidence: 'established', citations: ['ref-article'] }] } } as typeof epidemiology
  const therapy = { ...treatments, data: { treatments: [{ id: 'niv', name: 'NIV', kind: 'supportive', status: 'standard-of-care', evidence: 'established', approvals: [], effect: 'e', description: 'd', citations: ['ref-article'] }] } } as typeof treatments
  for (const document of [topicJsonLd(risk, definition, { url: 'u' }), topicJsonLd(therapy, definition, { url: 'u' })]) {
    const { problems, types } = check(document, vocabulary)
    t.same(problems, [])
    for (const type of types) used.add(type)
  }
  for (const type of ['MedicalWebPage', 'MedicalCondition', 'MedicalCode', 'MedicalSignOrSymptom', 'MedicalRiskFactor', 'Drug', 'DrugLegalStatus', 'MedicalTherapy', 'MedicalTest', 'DDxElement', 'ScholarlyArticle', 'CreativeWork', 'Organization']) {
    t.ok(used.has(type), `uses ${type}`)
  }
})

t.test('the JSON-LD of the real content is valid schema.org, for every topic and language', async (t) => {
  const vocabulary = loadVocabulary(JSON.parse(readFileSync(REDUCED, 'utf8')) as Reduced)
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const used = new Set<string>()
  for (const lang of LANGUAGES) {
    for (const id of TOPIC_IDS) {
      const res = await app.inject({ url: `/v1/topics/${id}?lang=${lang}`, headers: { accept: 'application/ld+json' } })
      t.equal(res.statusCode, 200)
      const { problems, types } = check(res.json(), vocabulary)
      t.same(problems, [], `${id} ${lang}`)
      for (const type of types) used.add(type)
    }
  }
  for (const type of ['MedicalRiskFactor', 'MedicalTherapy', 'Drug', 'DrugLegalStatus', 'DDxElement', 'MedicalTest', 'MedicalSignOrSymptom', 'HealthTopicContent']) t.ok(used.has(type), `uses ${type}`)
  // Each page says which health aspects it covers, from the topic registry.
  for (const topic of TOPICS) {
    const document = (await app.inject({ url: `/v1/topics/${topic.id}`, headers: { accept: 'application/ld+json' } })).json()
    t.same(document.hasPart?.hasHealthAspect ?? [], topic.healthAspects.map((aspect) => `https://schema.org/${aspect}`), `${topic.id} health aspects`)
  }
})
