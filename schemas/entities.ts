/**
 * Response schemas of the entity endpoints (/v1/symptoms, /v1/genes, /v1/treatments, /v1/statistics,
 * /v1/references, /v1/statements, /v1/codes, /v1/lookup) and of /v1/search. Items are the content model in one
 * language plus links; lists share one envelope (`items`, `total`, `limit`, `offset`, `next`, `lang`, `provenance`).
 */
import Type, { type Static, type TSchema } from 'typebox'
import { ResponseText, Slug, StringEnum } from './common.ts'
import { TOPIC_IDS } from './topics/index.ts'
import { CodeSystem, GeneOf, ReferenceOf, StatementOf, StatisticOf, SymptomOf, TreatmentOf } from './content.ts'
import { Language, Link, Provenance, ReferenceResponse, ref } from './api.ts'

const SelfLink = Type.Object({ self: Link }, { additionalProperties: false })
const provenance = ref(Provenance)

function EntityOf<T extends TSchema & { properties: Record<string, TSchema> }> (id: string, item: T, description: string) {
  return Type.Object({
    ...item.properties,
    topic: StringEnum(TOPIC_IDS, { description: 'The topic the item belongs to.', examples: ['symptoms'] }),
    links: SelfLink,
    references: Type.Optional(Type.Array(ref(ReferenceResponse), {
      description: 'With `include=references`: every reference the item cites (its own and its parts\'), resolved and numbered in order of first citation.'
    }))
  }, { $id: id, additionalProperties: false, description })
}

export const Symptom = EntityOf('Symptom', SymptomOf(ResponseText), 'A sign or symptom of ALS, with its body region, motor neuron type and HPO id.')
export const Gene = EntityOf('Gene', GeneOf(ResponseText), 'A gene linked to ALS, with its inheritance and share of familial and sporadic cases.')
export const Treatment = EntityOf('Treatment', TreatmentOf(ResponseText), 'A treatment, with its real status, evidence and approvals.')
export const Statistic = EntityOf('Statistic', StatisticOf(ResponseText), 'An epidemiological figure with its range, population, region and period.')

export const CitingItem = Type.Object({
  kind: Type.String({ description: 'Kind of the citing item: statement, symptom, gene, treatment, statistic, topic…', examples: ['statement'] }),
  id: Type.String({ description: 'Id of the citing item.', examples: ['riluzole-survival'] }),
  topic: StringEnum(TOPIC_IDS, { description: 'Topic of the citing item.' }),
  link: Link
}, { $id: 'CitingItem', additionalProperties: false, description: 'An item that cites a reference.' })

export const ReferenceDetail = Type.Object({
  ...ReferenceOf(ResponseText).properties,
  citation: Type.String({ description: 'Formatted citation (Vancouver style).' }),
  citedBy: Type.Array(ref(CitingItem), { description: 'Every item of the content that cites this reference (a reverse index).' }),
  links: Type.Object({
    self: Link,
    doi: Type.Optional(Link),
    pubmed: Type.Optional(Link),
    url: Type.Optional(Link)
  }, { additionalProperties: false })
}, { $id: 'ReferenceDetail', additionalProperties: false, description: 'A source, with a formatted citation, links, and the items that cite it.' })

export const StatementDetail = Type.Object({
  ...StatementOf(ResponseText).properties,
  lang: Language,
  topic: StringEnum(TOPIC_IDS, { description: 'Topic of the statement.' }),
  section: Slug,
  references: Type.Array(ref(ReferenceResponse), { description: 'The cited references, resolved and numbered in citation order.' }),
  provenance,
  links: Type.Object({ self: Link, topic: Link }, { additionalProperties: false })
}, { $id: 'StatementDetail', additionalProperties: false, description: 'One claim, with its citations resolved: quotable on its own.' })

export const CodeTarget = Type.Object({
  kind: Type.String({ description: 'What the code identifies in this API: topic (the disease itself), symptom, gene…', examples: ['topic'] }),
  id: Type.String({ examples: ['definition'] }),
  name: Type.String({ description: 'Name of the item, in the response language.' }),
  link: Link
}, { additionalProperties: false })

export const MedicalCode = Type.Object({
  system: CodeSystem,
  code: Type.String({ examples: ['G12.2'] }),
  display: Type.String({ description: 'Label the coding system gives the code.', examples: ['Motor neuron disease'] }),
  target: CodeTarget
}, { $id: 'MedicalCode', additionalProperties: false, description: 'A medical code and what this API holds for it.' })

export const SEARCH_KINDS = ['topic', 'section', 'statement', 'reference', 'synonym', 'symptom', 'onset-pattern', 'spared-function',
  'statistic', 'cluster', 'risk-factor', 'gene', 'criterion', 'test', 'differential', 'scale', 'treatment', 'question'] as const

export const SearchHit = Type.Object({
  kind: StringEnum(SEARCH_KINDS, { description: 'Kind of the item found.', examples: ['treatment'] }),
  id: Type.String({ examples: ['riluzole'] }),
  topic: StringEnum(TOPIC_IDS, { description: 'Topic of the item.' }),
  title: Type.String({ description: 'Name or title of the item (plain text).', examples: ['Riluzole'] }),
  snippet: Type.String({ description: 'Where the query matched: HTML-escaped text with matches in `<mark>`.', examples: ['<mark>Riluzole</mark> extends survival by about two to three months.'] }),
  score: Type.Number({ description: 'Relevance (bm25, higher is better); comparable within one response only.' }),
  link: Link
}, { $id: 'SearchHit', additionalProperties: false, description: 'One search result.' })

/** The list envelope every list endpoint shares. */
export function ListOf<T extends TSchema> (id: string, item: T, description: string) {
  return Type.Object({
    lang: Language,
    items: Type.Array(item, { description: 'The items of this page. With `fields=`, each item carries only the fields asked for.' }),
    total: Type.Integer({ minimum: 0, description: 'How many items match, over all pages.' }),
    limit: Type.Integer({ minimum: 1, maximum: 100 }),
    offset: Type.Integer({ minimum: 0 }),
    next: Type.Union([Link, Type.Null()], { description: 'URL of the next page, or null on the last page.' }),
    provenance
  }, { $id: id, additionalProperties: false, description })
}

/** An item in a list: every field of the item, or only those `fields=` picks, so each is optional. */
function ListItemOf (id: string, item: TSchema & { properties: Record<string, TSchema> }, name: string) {
  return Type.Object(Object.fromEntries(Object.entries(item.properties).map(([key, schema]) => [key, Type.Optional(schema)])), {
    $id: id, additionalProperties: false, description: `${name} in a list: every field, or only those \`fields=\` picks.`
  })
}
export const SymptomItem = ListItemOf('SymptomItem', Symptom, 'A symptom')
export const GeneItem = ListItemOf('GeneItem', Gene, 'A gene')
export const TreatmentItem = ListItemOf('TreatmentItem', Treatment, 'A treatment')
export const StatisticItem = ListItemOf('StatisticItem', Statistic, 'A statistic')
export const ReferenceItem = ListItemOf('ReferenceItem', ReferenceDetail, 'A reference')
export const CodeItem = ListItemOf('CodeItem', MedicalCode, 'A medical code')

export const SymptomList = ListOf('SymptomList', ref(SymptomItem), 'Symptoms, filtered and paginated.')
export const GeneList = ListOf('GeneList', ref(GeneItem), 'Genes, filtered and paginated.')
export const TreatmentList = ListOf('TreatmentList', ref(TreatmentItem), 'Treatments, filtered and paginated.')
export const StatisticList = ListOf('StatisticList', ref(StatisticItem), 'Statistics, filtered and paginated.')
export const ReferenceList = ListOf('ReferenceList', ref(ReferenceItem), 'References, filtered and paginated.')
export const CodeList = ListOf('CodeList', ref(CodeItem), 'Medical codes, filtered and paginated.')
/** How the language of a search was chosen. */
export const SEARCH_LANGUAGE_SOURCES = ['query', 'accept-language', 'detected', 'default'] as const
export const SearchResults = Type.Object({
  ...ListOf('SearchResults', ref(SearchHit), '').properties,
  query: Type.String({
    description: 'The query as understood: the words searched for (stop words such as "is", "the", "mı" left out), ' +
      'each as a prefix, through its stem, or through the word the content uses; the corrected words when `correctedQuery` is set.',
    examples: ['ALS tedavisi']
  }),
  langSource: StringEnum(SEARCH_LANGUAGE_SOURCES, {
    description: 'How `lang` was chosen: the `lang` parameter, the `Accept-Language` header, `detected` from the words of ' +
      'the query (neither was sent, and the content of one language knows more of them), or `default` (English).',
    examples: ['detected']
  }),
  match: StringEnum(['all', 'any'] as const, {
    description: '`all`: every word was found in every result. `any`: no item holds every word, so the results hold some ' +
      'of them, those holding the most words first.',
    examples: ['all']
  }),
  correctedQuery: Type.Optional(Type.String({
    description: 'Present when a word was not found in the content and its correction (the nearest word of the content, by ' +
      'edit distance, the more frequent first) was searched instead: the query that was run.',
    examples: ['riluzol']
  })),
  suggestions: Type.Optional(Type.Array(Type.String(), {
    description: 'Present when the query was run as typed although some words were not found: corrected queries to try.',
    examples: [['amyotrophic lateral sclerosis']]
  })),
  otherLanguage: Type.Optional(Type.Object({
    lang: Language,
    total: Type.Integer({ minimum: 1, description: 'How many items match in that language.', examples: [12] }),
    link: { ...Link, description: 'This search in that language.', examples: ['http://localhost:3000/v1/search?q=belirtiler&lang=tr'] }
  }, {
    additionalProperties: false,
    description: 'Present when nothing matched in `lang` but the content of the other language matches.'
  }))
}, {
  $id: 'SearchResults',
  additionalProperties: false,
  description: 'Search results, best first.'
})

function SingleOf<T extends TSchema & { $id?: string, description?: string }> (id: string, item: T) {
  return Type.Object({
    ...(item as unknown as { properties: Record<string, TSchema> }).properties,
    lang: Language,
    provenance
  }, { $id: id, additionalProperties: false, description: `${item.description ?? ''} In one language, with provenance.` })
}

export const SymptomResponse = SingleOf('SymptomResponse', Symptom)
export const GeneResponse = SingleOf('GeneResponse', Gene)
export const TreatmentResponse = SingleOf('TreatmentResponse', Treatment)
export const StatisticResponse = SingleOf('StatisticResponse', Statistic)
export const ReferenceDetailResponse = SingleOf('ReferenceDetailResponse', ReferenceDetail)
export const LookupResult = Type.Object({
  lang: Language,
  system: CodeSystem,
  code: Type.String({ description: 'The code held here that matched: the one asked for, or (see `fallback`) its nearest parent.' }),
  matches: Type.Array(ref(MedicalCode), { minItems: 1 }),
  fallback: Type.Optional(Type.Object({
    requested: Type.String({ description: 'The code asked for.', examples: ['G12.21'] }),
    matched: Type.String({ description: 'The parent code that matched.', examples: ['G12.2'] }),
    reason: Type.String({ description: 'Why the answer is for another code.' })
  }, { additionalProperties: false, description: 'Present when the code asked for is not held here and its nearest parent code is given instead.' })),
  provenance
}, { $id: 'LookupResult', additionalProperties: false, description: 'What this API holds for a medical code.' })

export const entitySchemas = [
  Symptom, Gene, Treatment, Statistic, CitingItem, ReferenceDetail, StatementDetail, MedicalCode, SearchHit,
  SymptomItem, GeneItem, TreatmentItem, StatisticItem, ReferenceItem, CodeItem,
  SymptomList, GeneList, TreatmentList, StatisticList, ReferenceList, CodeList, SearchResults,
  SymptomResponse, GeneResponse, TreatmentResponse, StatisticResponse, ReferenceDetailResponse, LookupResult
]

export type SearchHitBody = Static<typeof SearchHit>
