/**
 * The topics, in reading order: the one list every surface reads (the topic list, routes and their OpenAPI schemas,
 * search, embeds, oEmbed, JSON-LD, the seed). Adding a topic takes its data schema (a `…DataOf(text)` builder, in
 * schemas/topics/<id>.ts), one line here, and its content file seed/content/<id>.yaml; nothing else names topics.
 */
import Type, { type TSchema } from 'typebox'
import { LocalizedText, StringEnum } from '../common.ts'
import {
  DefinitionDataOf, DiagnosisDataOf, EpidemiologyDataOf, GeneticsDataOf, SymptomsDataOf, TopicFileOf, TreatmentsDataOf
} from '../content.ts'

/** The references topic has no structured data of its own: it is the bibliography. */
function NoDataOf<T extends TSchema> (_text: T) {
  return Type.Object({}, { additionalProperties: false })
}

/** schema.org HealthAspectEnumeration members (https://schema.org/HealthAspectEnumeration) a topic's page is about. */
export type HealthAspect = 'OverviewHealthAspect' | 'SymptomsHealthAspect' | 'RisksOrComplicationsHealthAspect' |
  'CausesHealthAspect' | 'TreatmentsHealthAspect' | 'EffectivenessHealthAspect' | 'LivingWithHealthAspect' |
  'SelfCareHealthAspect' | 'PrognosisHealthAspect' | 'GettingAccessHealthAspect' | 'MisconceptionsHealthAspect' |
  'ScreeningHealthAspect' | 'TypesHealthAspect'

interface TopicDefinition {
  readonly id: string
  /** The structured data's schema, built for a text type: `{ en, tr }` in content files, a string in responses. */
  readonly data: <T extends TSchema>(text: T) => TSchema
  /** What the topic's page covers, for schema.org JSON-LD (`hasHealthAspect`); empty where no member fits. */
  readonly healthAspects: readonly HealthAspect[]
}

export const TOPICS = [
  { id: 'definition', data: DefinitionDataOf, healthAspects: ['OverviewHealthAspect', 'TypesHealthAspect'] },
  { id: 'symptoms', data: SymptomsDataOf, healthAspects: ['SymptomsHealthAspect'] },
  { id: 'epidemiology', data: EpidemiologyDataOf, healthAspects: ['RisksOrComplicationsHealthAspect'] },
  { id: 'genetics', data: GeneticsDataOf, healthAspects: ['CausesHealthAspect'] },
  { id: 'diagnosis', data: DiagnosisDataOf, healthAspects: [] },
  { id: 'treatments', data: TreatmentsDataOf, healthAspects: ['TreatmentsHealthAspect', 'EffectivenessHealthAspect'] },
  { id: 'references', data: NoDataOf, healthAspects: [] }
] as const satisfies readonly TopicDefinition[]

export type TopicId = typeof TOPICS[number]['id']
export const TOPIC_IDS: readonly TopicId[] = TOPICS.map((topic) => topic.id)
export const TopicIdSchema = StringEnum(TOPIC_IDS, { description: 'Topic id.', examples: ['symptoms'] })

export function topicDefinition (id: TopicId): TopicDefinition {
  return TOPICS.find((topic) => topic.id === id) as TopicDefinition
}

export function isTopicId (id: string): id is TopicId {
  return (TOPIC_IDS as readonly string[]).includes(id)
}

/** Content files: one per topic (seed/content/<topic>.yaml), each validated by its topic's data schema. */
export const TopicFiles = Object.fromEntries(TOPICS.map((topic) => [topic.id, TopicFileOf(topic.id, topic.data(LocalizedText))])) as unknown as
  Record<TopicId, ReturnType<typeof TopicFileOf<string, TSchema>>>
