/**
 * API response schemas, derived from the content model with one language per response (plain strings).
 * Each has an `$id`, is registered once with `addSchema`, and is referenced from routes, so the OpenAPI document has
 * named components.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { IsoDate, LANGUAGES, ResponseText, Slug, StringEnum } from './common.ts'
import { TOPIC_IDS, TOPICS, type TopicId } from './topics/index.ts'
import { ReferenceOf, SectionOf, StatementOf } from './content.ts'

export const Language = StringEnum(LANGUAGES, { description: 'Response language: `en` (English, default) or `tr` (Turkish).', examples: ['tr'] })

export const Link = Type.String({ description: 'Absolute URL.', examples: ['http://localhost:3000/v1/topics/symptoms'] })

export const License = Type.Object({
  id: Type.String({ description: 'SPDX id.', examples: ['CC-BY-4.0'] }),
  name: Type.String({ examples: ['Creative Commons Attribution 4.0 International'] }),
  url: Type.String({ examples: ['https://creativecommons.org/licenses/by/4.0/'] })
}, { $id: 'License', additionalProperties: false, description: 'Licence of the content.' })

export const Provenance = Type.Object({
  contentVersion: Type.String({ description: 'Content release.', examples: ['2026.11.25'] }),
  lastReviewed: Type.Optional(IsoDate),
  publisher: Type.String(),
  license: Type.Unsafe<Static<typeof License>>(Type.Ref('License')),
  attribution: Type.String({ description: 'Attribution line to show with the content.' }),
  disclaimer: Type.String({ description: 'Short medical disclaimer to show with the content.' })
}, { $id: 'Provenance', additionalProperties: false, description: 'Where the content comes from, how it may be used, and that it is not medical advice.' })

export const ReferenceResponse = Type.Object({
  ...ReferenceOf(ResponseText).properties,
  number: Type.Integer({ minimum: 1, description: 'Number of the reference in this response (citation order).' }),
  citation: Type.String({ description: 'Formatted citation (Vancouver style).', examples: ['Feldman EL, Goutman SA, Petri S, Mazzini L, Savelieff MG, Shaw PJ, et al. Amyotrophic lateral sclerosis. Lancet. 2022;400(10360):1363-80. doi:10.1016/S0140-6736(22)01272-7. PMID: 36116464.'] }),
  links: Type.Object({
    doi: Type.Optional(Link),
    pubmed: Type.Optional(Link),
    url: Type.Optional(Link)
  }, { additionalProperties: false })
}, { $id: 'Reference', additionalProperties: false, description: 'A source, with a formatted citation and links a reader can follow.' })

export const StatementResponse = Type.Object(StatementOf(ResponseText).properties, {
  $id: 'Statement', additionalProperties: false, description: 'One claim, with the ids of the references that support it.'
})
export const SeeAlsoResponse = Type.Object({
  topic: Slug,
  section: Type.Optional(Slug),
  title: Type.String({ description: 'The title of the topic, or of the section, pointed to, in the response language.' }),
  href: Type.String({ description: 'Absolute URL of the topic (with `sections=` for a section).', examples: ['http://localhost:3000/v1/topics/care?sections=breathing'] })
}, { additionalProperties: false })

export const SectionResponse = Type.Object({
  ...SectionOf(ResponseText).properties,
  statements: Type.Array(Type.Unsafe<Static<typeof StatementResponse>>(Type.Ref('Statement'))),
  seeAlso: Type.Optional(Type.Array(SeeAlsoResponse, { description: 'Where to read on: other topics or their sections, with their titles and URLs.' }))
}, { $id: 'Section', additionalProperties: false })

/** `end-of-life` → `EndOfLifeTopic`: the name of a topic's response schema in the OpenAPI document. */
export function topicSchemaId (id: TopicId): string {
  return `${id.split('-').map((word) => `${word[0].toUpperCase()}${word.slice(1)}`).join('')}Topic`
}

function TopicResponseOf<I extends TopicId, D extends TSchema> (id: I, data: D) {
  return Type.Object({
    id: Type.Literal(id),
    lang: Language,
    title: Type.String(),
    summary: Type.String(),
    lastReviewed: IsoDate,
    sections: Type.Array(Type.Unsafe<Static<typeof SectionResponse>>(Type.Ref('Section'))),
    data,
    references: Type.Array(Type.Unsafe<Static<typeof ReferenceResponse>>(Type.Ref('Reference')), {
      description: id === 'references' ? 'The whole bibliography.' : 'The references cited in this topic, numbered in order of first citation.'
    }),
    provenance: Type.Unsafe<Static<typeof Provenance>>(Type.Ref('Provenance')),
    links: Type.Object({ self: Link, embed: Link }, { additionalProperties: false })
  }, { $id: topicSchemaId(id), additionalProperties: false, description: `The ${id} topic, whole, in one language.` })
}

export const TopicResponses = Object.fromEntries(TOPICS.map((topic) => [topic.id, TopicResponseOf(topic.id, topic.data(ResponseText))])) as unknown as
  Record<TopicId, ReturnType<typeof TopicResponseOf<TopicId, TSchema>>>
export type TopicResponse = Static<typeof TopicResponses[TopicId]>

export const TopicSummary = Type.Object({
  id: StringEnum(TOPIC_IDS, { description: 'Topic id.' }),
  title: Type.String(),
  summary: Type.String(),
  lastReviewed: IsoDate,
  links: Type.Object({ self: Link, embed: Link }, { additionalProperties: false })
}, { $id: 'TopicSummary', additionalProperties: false })

export const TopicList = Type.Object({
  lang: Language,
  items: Type.Array(Type.Unsafe<Static<typeof TopicSummary>>(Type.Ref('TopicSummary'))),
  total: Type.Integer({ minimum: 0 }),
  provenance: Type.Unsafe<Static<typeof Provenance>>(Type.Ref('Provenance'))
}, { $id: 'TopicList', additionalProperties: false, description: 'All topics, in reading order.' })

export const Meta = Type.Object({
  lang: Language,
  contentVersion: Type.String({ examples: ['2026.11.25'] }),
  contentHash: Type.String({ description: 'SHA-256 of the content release.' }),
  builtAt: Type.String({ format: 'date-time', description: 'When the database was built.' }),
  schemaVersion: Type.Integer({ description: 'Version of the database layout.' }),
  languages: Type.Array(Language),
  counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: 'How many items of each kind the release holds.' }),
  provenance: Type.Unsafe<Static<typeof Provenance>>(Type.Ref('Provenance')),
  links: Type.Object({ topics: Link, docs: Link, openapi: Link }, { additionalProperties: false })
}, { $id: 'Meta', additionalProperties: false, description: 'About this content release.' })

export const Health = Type.Object({
  status: Type.Literal('ok')
}, { $id: 'Health', additionalProperties: false })

export const Ready = Type.Object({
  status: Type.Literal('ready'),
  contentVersion: Type.String()
}, { $id: 'Ready', additionalProperties: false })

export const InvalidParam = Type.Object({
  name: Type.String({ description: 'The parameter.', examples: ['lang'] }),
  in: StringEnum(['query', 'path', 'header', 'body'], { description: 'Where the parameter is.' }),
  reason: Type.String({ examples: ['must be equal to one of the allowed values: en, tr'] })
}, { additionalProperties: false })

export const Problem = Type.Object({
  type: Type.String({ description: 'URI reference that identifies the problem type.', examples: ['/problems/not-found'] }),
  title: Type.String({ description: 'Short, human-readable summary of the problem type.', examples: ['Not Found'] }),
  status: Type.Integer({ minimum: 400, maximum: 599, examples: [404] }),
  detail: Type.Optional(Type.String({ description: 'Explanation specific to this occurrence.' })),
  instance: Type.Optional(Type.String({ description: 'The request path.' })),
  requestId: Type.Optional(Type.String({ description: 'Id of the request, as in the logs.' })),
  invalidParams: Type.Optional(Type.Array(InvalidParam)),
  allowed: Type.Optional(Type.Array(Type.String(), { description: 'The values that would have been accepted.' }))
}, { $id: 'Problem', description: 'An error, as RFC 9457 problem details (`application/problem+json`).' })

export const OEmbed = Type.Object({
  version: Type.Literal('1.0'),
  type: Type.Literal('rich'),
  title: Type.String({ examples: ['Symptoms'] }),
  provider_name: Type.String({ examples: ['ALS Reference API'] }),
  provider_url: Link,
  author_name: Type.String({ description: 'Who publishes the content.' }),
  author_url: Link,
  cache_age: Type.Integer({ minimum: 0, description: 'How long, in seconds, the consumer may cache this response.' }),
  width: Type.Integer({ minimum: 1, description: 'Width of the iframe in `html`, in pixels (within `maxwidth`).' }),
  height: Type.Integer({ minimum: 1, description: 'Height of the iframe in `html`, in pixels (within `maxheight`).' }),
  html: Type.String({ description: 'The iframe of the embed page to insert.' }),
  license: Type.String({ description: 'Licence of the content.' }),
  license_url: Link
}, { $id: 'OEmbed', additionalProperties: false, description: 'An oEmbed 1.0 response of type rich.' })

export const JsonLd = Type.Object({
  '@context': Type.Literal('https://schema.org'),
  '@type': Type.Literal('MedicalWebPage'),
  url: Link,
  name: Type.String(),
  description: Type.String(),
  inLanguage: Language,
  lastReviewed: IsoDate,
  about: Type.Object({ '@type': Type.Literal('MedicalCondition') }, { additionalProperties: true, description: 'The condition: name, alternateName, code (MedicalCode) and what the topic covers (signOrSymptom, riskFactor, epidemiology, possibleTreatment, typicalTest, differentialDiagnosis).' }),
  hasPart: Type.Optional(Type.Object({
    '@type': Type.Literal('HealthTopicContent'),
    hasHealthAspect: Type.Array(Type.String({ description: 'A schema.org HealthAspectEnumeration member, as a URL.', examples: ['https://schema.org/SymptomsHealthAspect'] }), { minItems: 1 })
  }, { additionalProperties: false, description: 'What the page covers, as schema.org health aspects (absent where none fits).' })),
  citation: Type.Array(Type.Object({ '@type': Type.String() }, { additionalProperties: true })),
  license: Link,
  creditText: Type.String(),
  publisher: Type.Object({ '@type': Type.Literal('Organization'), name: Type.String() }, { additionalProperties: false }),
  version: Type.String()
}, { $id: 'TopicJsonLd', additionalProperties: false, description: 'A topic as schema.org JSON-LD (`application/ld+json`): a MedicalWebPage about ALS as a MedicalCondition.' })

export const Slugs = Type.Array(Slug)

/** Every schema with an `$id`, in the order they must be registered. */
export const sharedSchemas = [License, Provenance, ReferenceResponse, StatementResponse, SectionResponse, ...Object.values(TopicResponses), TopicSummary, TopicList, Meta, Health, Ready, Problem, OEmbed, JsonLd]

export function ref<T extends TSchema> (schema: T & { $id?: string }) {
  if (schema.$id === undefined) throw new Error('schema has no $id')
  return Type.Unsafe<Static<T>>(Type.Ref(schema.$id))
}
