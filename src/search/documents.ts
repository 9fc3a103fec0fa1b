/**
 * What the search index holds: one document per language for every topic, section, statement, reference, synonym
 * and structured item. Names and titles go in `title`, other names (synonyms, the name in the other language,
 * abbreviations) in `keywords`, and the rest of the text in `body`; the ranking weighs them in that order.
 */
import { LANGUAGES, type Language, type LocalizedText } from '../../schemas/common.ts'
import { TOPIC_IDS } from '../../schemas/topics/index.ts'
import type { Content } from '../../seed/load.ts'
import type { DefinitionDataOf, TopicFile } from '../../schemas/content.ts'
import type { Static } from 'typebox'

export interface SearchDocument {
  lang: Language
  kind: string
  id: string
  topic: string
  /** What a result shows as its title; `title` unless given. */
  label?: string
  title: string
  keywords: string
  body: string
}

type Texts = Record<Language, string>
const isText = (value: unknown): value is Texts =>
  value !== null && typeof value === 'object' && typeof (value as Texts).en === 'string' && typeof (value as Texts).tr === 'string' && Object.keys(value).length === 2

/** Every text of `value` in `lang`, skipping the keys given (they are indexed elsewhere) and citations. */
function textsOf (value: unknown, lang: Language, skip: readonly string[] = []): string[] {
  const out: string[] = []
  const visit = (node: unknown, key?: string): void => {
    if (key !== undefined && (skip.includes(key) || key === 'citations')) return
    if (isText(node)) { out.push(node[lang]); return }
    if (Array.isArray(node)) { node.forEach((child) => visit(child)); return }
    if (node !== null && typeof node === 'object') for (const [childKey, child] of Object.entries(node)) visit(child, childKey)
  }
  visit(value)
  return out
}

const other = (lang: Language): Language => lang === 'en' ? 'tr' : 'en'

interface Item {
  id: string
  name?: Texts | string
  term?: Texts
  label?: Texts
  symbol?: string
  hgnc?: string
  hpo?: string
  omim?: { phenotype: string, name: string }
}

function itemDocument (lang: Language, kind: string, topic: string, item: Item): SearchDocument {
  // Genes are named by their symbol (with the HGNC name as a keyword); every other item by a localised name.
  const names = (isText(item.name) ? item.name : item.term ?? item.label) as Texts | undefined
  const title = item.symbol ?? (names as Texts)[lang]
  const keywords = [names?.[other(lang)], typeof item.name === 'string' ? item.name : undefined, item.hgnc, item.hpo]
    .filter((value): value is string => value !== undefined && value !== title)
  // A gene's OMIM phenotype names the disease ("Amyotrophic lateral sclerosis 1"), not the gene: body text.
  const body = [...textsOf(item, lang, ['name', 'term', 'label']), item.omim?.name, item.omim?.phenotype].filter((value) => value !== undefined)
  return { lang, kind, id: item.id, topic, title, keywords: [...new Set(keywords)].join(' · '), body: body.join(' ') }
}

export function searchDocuments (content: Content, kindOf: Record<string, string>): SearchDocument[] {
  const documents: SearchDocument[] = []
  const definition = content.topics.definition as TopicFile & { data: Static<ReturnType<typeof DefinitionDataOf<typeof LocalizedText>>> }
  const synonyms = definition.data.synonyms
  for (const lang of LANGUAGES) {
    for (const topicId of TOPIC_IDS) {
      const topic: TopicFile = content.topics[topicId]
      const keywords = topic.id === 'definition'
        ? [definition.data.preferredName[other(lang)], ...synonyms.flatMap((synonym) => [synonym.term.en, synonym.term.tr])]
        : [topic.title[other(lang)]]
      // The definition topic is the page about the disease itself: its name ranks with its title.
      const title = topic.id === 'definition' ? `${topic.title[lang]} · ${definition.data.preferredName[lang]}` : topic.title[lang]
      documents.push({ lang, kind: 'topic', id: topic.id, topic: topic.id, label: topic.title[lang], title, keywords: [...new Set(keywords)].join(' · '), body: topic.summary[lang] })
      for (const section of topic.sections) {
        documents.push({ lang, kind: 'section', id: section.id, topic: topic.id, title: section.heading[lang], keywords: section.heading[other(lang)], body: '' })
        for (const statement of section.statements) {
          documents.push({ lang, kind: 'statement', id: statement.id, topic: topic.id, label: section.heading[lang], title: '', keywords: '', body: statement.text[lang] })
        }
      }
      for (const [key, list] of Object.entries(topic.data as Record<string, unknown>)) {
        const kind = kindOf[key]
        if (kind === undefined || !Array.isArray(list)) continue
        for (const item of list as Item[]) documents.push(itemDocument(lang, kind, topic.id, item))
      }
    }
    for (const reference of content.references) {
      documents.push({
        lang,
        kind: 'reference',
        id: reference.id,
        topic: 'references',
        // A reference's title names many things (a drug, a disease); the items themselves should rank above it.
        label: reference.title,
        title: '',
        keywords: reference.title,
        body: [...reference.authors, reference.journal, reference.publisher, reference.doi, reference.pmid, reference.note?.[lang]].filter((value) => value !== undefined).join(' · ')
      })
    }
  }
  return documents
}
