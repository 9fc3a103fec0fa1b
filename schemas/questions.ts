/**
 * Questions people ask about ALS, each answered briefly from the content (seed/content/questions.yaml). A question
 * cites statements, not references: its citations are the references of the statements that support it. The same
 * builder describes the content file ({ en, tr } texts) and the API responses (one language).
 */
import Type, { type Static, type TSchema } from 'typebox'
import { IsoDate, LocalizedText, ResponseText, Slug, StringEnum } from './common.ts'
import { TOPIC_IDS } from './topics/index.ts'
import { StatementOf } from './content.ts'
import { Language, Link, Provenance, ReferenceResponse, ref } from './api.ts'
import { ListOf } from './entities.ts'

const Phrasing = Type.String({ minLength: 1, pattern: '\\S', description: 'Another way people type the question.' })

/** Other phrasings of a question in each language, as the content file writes them. */
export const LocalizedAlternatives = Type.Object({
  en: Type.Array(Phrasing, { uniqueItems: true }),
  tr: Type.Array(Phrasing, { uniqueItems: true })
}, { additionalProperties: false, description: 'Other phrasings of the question, in English and Turkish (used by search).' })

export const QuestionTopics = Type.Array(StringEnum(TOPIC_IDS, { description: 'Topic id.' }), {
  minItems: 1,
  uniqueItems: true,
  description: 'The topics the question belongs to; the first is its main topic.',
  examples: [['definition', 'epidemiology']]
})

export const QuestionStatements = Type.Array(Slug, {
  minItems: 1,
  uniqueItems: true,
  description: 'Ids of the statements that support the answer (see `/v1/statements/{id}`); the answer says only what they say.',
  examples: [['als-is-not-infectious', 'epi-not-contagious']]
})

export function QuestionOf<T extends TSchema, A extends TSchema> (text: T, alternatives: A) {
  return Type.Object({
    id: Slug,
    question: text,
    alternatives: Type.Optional(alternatives),
    answer: text,
    statements: QuestionStatements,
    topics: QuestionTopics,
    lastReviewed: IsoDate
  }, { additionalProperties: false })
}

export const Question = QuestionOf(LocalizedText, LocalizedAlternatives)
export type QuestionEntry = Static<typeof Question>

/** seed/content/questions.yaml */
export const QuestionsFile = Type.Object({
  questions: Type.Array(Question, { minItems: 1 })
}, { additionalProperties: false })
export type QuestionsFileContent = Static<typeof QuestionsFile>

// ---------------------------------------------------------------- API responses

const ResponseAlternatives = Type.Array(Type.String(), {
  description: 'Other phrasings of the question in the response language (used by search).',
  examples: [['Can you catch ALS?', 'Can ALS spread from person to person?']]
})

const QuestionLinks = Type.Object({
  self: Link,
  topics: Type.Array(Link, { description: 'The question\'s topics, in the order of `topics`.', examples: [['http://localhost:3000/v1/topics/definition']] })
}, { additionalProperties: false })

const questionFields = QuestionOf(ResponseText, ResponseAlternatives).properties

export const QuestionSummary = Type.Object({
  ...questionFields,
  question: Type.String({ description: 'The question.', examples: ['Is ALS contagious?'] }),
  answer: Type.String({ description: 'A short answer (2–4 sentences) that says only what the supporting statements say.' }),
  alternatives: ResponseAlternatives,
  links: QuestionLinks
}, { $id: 'QuestionSummary', additionalProperties: false, description: 'A question with its short answer, the ids of the statements behind it, and its topics.' })

export const QuestionItem = Type.Object(
  Object.fromEntries(Object.entries(QuestionSummary.properties).map(([key, schema]) => [key, Type.Optional(schema)])),
  { $id: 'QuestionItem', additionalProperties: false, description: 'A question in a list: every field, or only those `fields=` picks.' }
)

export const QuestionList = ListOf('QuestionList', ref(QuestionItem), 'Questions, in reading order, filtered by topic and paginated.')

export const SupportingStatement = Type.Object({
  ...StatementOf(ResponseText).properties,
  topic: StringEnum(TOPIC_IDS, { description: 'Topic of the statement.' }),
  link: Link
}, { $id: 'SupportingStatement', additionalProperties: false, description: 'A statement the answer rests on, with the ids of the references it cites.' })

export const QuestionDetail = Type.Object({
  ...QuestionSummary.properties,
  lang: Language,
  supportingStatements: Type.Array(ref(SupportingStatement), { description: 'The statements the answer rests on, in the order of `statements`.' }),
  citations: Type.Array(ref(ReferenceResponse), { description: 'The references of the supporting statements, resolved (formatted citation, DOI, PubMed and URL links) and numbered in order of first citation.' }),
  provenance: ref(Provenance)
}, { $id: 'QuestionDetail', additionalProperties: false, description: 'One question, with its answer, the statements behind it and their references resolved.' })

export const FaqJsonLd = Type.Object({
  '@context': Type.Literal('https://schema.org'),
  '@type': Type.Literal('FAQPage'),
  url: Link,
  name: Type.String(),
  inLanguage: Language,
  about: Type.Object({ '@type': Type.Literal('MedicalCondition'), name: Type.String() }, { additionalProperties: false }),
  lastReviewed: Type.Optional(IsoDate),
  mainEntity: Type.Array(Type.Object({
    '@type': Type.Literal('Question'),
    name: Type.String({ description: 'The question.' }),
    url: Link,
    acceptedAnswer: Type.Object({
      '@type': Type.Literal('Answer'),
      text: Type.String({ description: 'The short answer.' }),
      citation: Type.Array(Type.Object({ '@type': Type.String() }, { additionalProperties: true }))
    }, { additionalProperties: false })
  }, { additionalProperties: false })),
  license: Link,
  creditText: Type.String(),
  publisher: Type.Object({ '@type': Type.Literal('Organization'), name: Type.String() }, { additionalProperties: false }),
  version: Type.String()
}, { $id: 'FaqJsonLd', additionalProperties: false, description: 'Questions as schema.org JSON-LD (`application/ld+json`): an FAQPage whose mainEntity is each Question with its acceptedAnswer and the answer\'s citations.' })

export const questionSchemas = [QuestionSummary, QuestionItem, QuestionList, SupportingStatement, QuestionDetail, FaqJsonLd]
