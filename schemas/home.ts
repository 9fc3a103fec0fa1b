/** Response schemas of the API index (`GET /`, `GET /v1`) and of the labels vocabulary (`GET /v1/labels`). */
import Type, { type Static } from 'typebox'
import { StringEnum } from './common.ts'
import { TOPIC_IDS } from './topics/index.ts'
import { Language, Link, Provenance, ref } from './api.ts'

export const INDEX_LINKS = [
  'self', 'topics', 'questions', 'search', 'symptoms', 'genes', 'treatments', 'statistics', 'references', 'codes', 'lookup',
  'labels', 'meta', 'docs', 'openapi', 'openapiYaml', 'embedScript', 'oembed'
] as const

export const ApiIndex = Type.Object({
  name: Type.String({ examples: ['ALS Reference API'] }),
  description: Type.String({ description: 'What the API is, in the response language.' }),
  lang: Language,
  apiVersion: Type.String({ description: 'Version of the API (the spec\'s `info.version`).', examples: ['0.1.0'] }),
  contentVersion: Type.String({ description: 'Content release.', examples: ['2026.12.04'] }),
  links: Type.Object(Object.fromEntries(INDEX_LINKS.map((name) => [name, Link])) as Record<typeof INDEX_LINKS[number], typeof Link>, {
    additionalProperties: false, description: 'Where everything is: the resources, the documentation and the spec.'
  }),
  topics: Type.Array(Type.Object({
    id: StringEnum(TOPIC_IDS, { description: 'Topic id.' }),
    title: Type.String(),
    link: Link
  }, { additionalProperties: false }), { description: 'The topics, in reading order, with their titles in the response language.' }),
  provenance: Type.Unsafe<Static<typeof Provenance>>(Type.Ref('Provenance'))
}, { $id: 'ApiIndex', additionalProperties: false, description: 'An index of the API: links to every resource, the docs and the spec.' })

export const Vocabulary = Type.Object({
  description: Type.String({ description: 'What the values are.' }),
  usedBy: Type.Array(Type.String(), { description: 'Where the values appear in responses (`item.field`).', examples: [['symptom.region']] }),
  labels: Type.Record(Type.String(), Type.String(), { description: 'Each value with its label in the response language.', examples: [{ bulbar: 'Bulbar', limb: 'Limb' }] })
}, { $id: 'Vocabulary', additionalProperties: false, description: 'The labels of one enumerated field.' })

export const LabelList = Type.Object({
  lang: Language,
  vocabularies: Type.Record(Type.String(), ref(Vocabulary), { description: 'Each vocabulary by id (`bodyRegion`, `treatmentStatus`, `evidence`…).' }),
  provenance: ref(Provenance)
}, { $id: 'LabelList', additionalProperties: false, description: 'Labels, in one language, for every enumerated value a reader sees.' })

export const homeSchemas = [ApiIndex, Vocabulary, LabelList]
