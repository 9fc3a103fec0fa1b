/**
 * The questions repository: the questions of a release in each language, as list items and as details whose
 * citations are the references of their supporting statements, resolved. One query, run once at start; the localised
 * items of a language are made on its first request and kept (content is immutable per release).
 */
import type Database from 'better-sqlite3'
import type { Language } from '../../schemas/common.ts'
import type { TopicId } from '../../schemas/topics/index.ts'
import type { QuestionEntry } from '../../schemas/questions.ts'
import type { EntityRepository, Item } from './entities.ts'
import { memo } from './memo.ts'

export interface QuestionRepository {
  /** Every question, in content order, in one language. */
  list: (lang: Language) => readonly Item[]
  /** One question, with its supporting statements and their references resolved. */
  get: (id: string, lang: Language) => Item | undefined
  /** The topics that have at least one question, in the order of the topic list. */
  topics: readonly TopicId[]
}

export function createQuestionRepository (db: Database.Database, baseUrl: string, topicIds: readonly TopicId[], entities: EntityRepository): QuestionRepository {
  const entries = (db.prepare('SELECT doc FROM questions ORDER BY position').all() as Array<{ doc: string }>).map((row) => JSON.parse(row.doc) as QuestionEntry)
  const topicLink = (topic: string) => `${baseUrl}/v1/topics/${topic}`

  const localized = memo((lang: Language) => {
    const items = entries.map((entry): Item => ({
      id: entry.id,
      question: entry.question[lang],
      alternatives: entry.alternatives?.[lang] ?? [],
      answer: entry.answer[lang],
      statements: entry.statements,
      topics: entry.topics,
      lastReviewed: entry.lastReviewed,
      links: { self: `${baseUrl}/v1/questions/${entry.id}`, topics: entry.topics.map(topicLink) }
    }))
    return { items, byId: new Map(items.map((item) => [item.id, item])) }
  })

  // Keyed by ids that exist (checked in `get`), so the kept details are bounded by the content.
  const detail = memo((key: string): Item => {
    const [lang, id] = key.split(':') as [Language, string]
    const item = localized(lang).byId.get(id) as Item
    // The seed checked that every statement a question cites exists.
    const statements = (item.statements as string[]).map((statementId) => entities.statement(statementId, lang) as Item)
    const numbers = new Map<string, number>()
    const citations: Item[] = []
    for (const statement of statements) {
      for (const reference of statement.references as Item[]) {
        if (numbers.has(reference.id)) continue
        numbers.set(reference.id, numbers.size + 1)
        citations.push({ ...reference, number: numbers.size })
      }
    }
    return {
      ...item,
      lang,
      supportingStatements: statements.map((statement) => ({
        id: statement.id,
        text: statement.text,
        citations: statement.citations,
        ...(statement.evidence === undefined ? {} : { evidence: statement.evidence }),
        topic: statement.topic,
        link: (statement.links as { self: string }).self
      })),
      citations
    }
  })

  const withQuestions = new Set(entries.flatMap((entry) => entry.topics))
  return {
    list: (lang) => localized(lang).items,
    get: (id, lang) => localized(lang).byId.has(id) ? detail(`${lang}:${id}`) : undefined,
    topics: topicIds.filter((topic) => withQuestions.has(topic))
  }
}
