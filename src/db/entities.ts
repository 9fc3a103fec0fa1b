/**
 * The entities repository: symptoms, genes, treatments, statistics, references (with the reverse index of who cites
 * them), statements and medical codes, in each language, ready to filter and page. Every statement is prepared once
 * and run once, at start; the localised items of a language are made on its first request and kept (content is
 * immutable per release).
 */
import type Database from 'better-sqlite3'
import type { Language } from '../../schemas/common.ts'
import type { TopicId } from '../../schemas/topics/index.ts'
import type { ReferenceEntry } from '../../schemas/content.ts'
import { formatCitation, referenceLinks } from '../render/citation.ts'
import { localize } from '../render/localize.ts'
import { memo } from './memo.ts'

export const ENTITY_ROUTES = { symptom: 'symptoms', gene: 'genes', treatment: 'treatments', statistic: 'statistics' } as const
export type EntityKind = keyof typeof ENTITY_ROUTES

export type Item = Record<string, unknown> & { id: string }

export interface ProvenanceOf { (lang: Language, lastReviewed?: string): unknown }

export interface EntityRepository {
  /** Every item of a kind, in content order, in one language. */
  list: (kind: EntityKind, lang: Language) => readonly Item[]
  /** One item by id (genes also by symbol, in any case). */
  get: (kind: EntityKind, id: string, lang: Language) => Item | undefined
  references: (lang: Language) => readonly Item[]
  reference: (id: string, lang: Language) => Item | undefined
  statement: (id: string, lang: Language) => Item | undefined
  codes: (lang: Language) => readonly Item[]
  /** The URL of an item of any kind: its own resource where it has one, else its topic. */
  linkFor: (kind: string, id: string, topic: string) => string
}

interface Row { kind: string, id: string, topic: TopicId, doc: string }

export function createEntityRepository (db: Database.Database, baseUrl: string, references: ReadonlyMap<string, ReferenceEntry>): EntityRepository {
  const entityRows = db.prepare('SELECT kind, id, topic, doc FROM entities WHERE kind = ? ORDER BY position')
  const statementRows = db.prepare('SELECT id, topic, section, doc FROM statements ORDER BY topic, section, position').all() as Array<{ id: string, topic: TopicId, section: string, doc: string }>
  const citationRows = db.prepare('SELECT source_kind AS kind, source_id AS id, topic, reference_id AS reference FROM citations ORDER BY reference_id, source_kind, source_id').all() as Array<{ kind: string, id: string, topic: TopicId, reference: string }>
  const codeRows = db.prepare('SELECT system, code, display, target_kind AS kind, target_id AS id FROM codes ORDER BY system, code').all() as Array<{ system: string, code: string, display: string, kind: string, id: string }>
  const preferredName = (JSON.parse((db.prepare("SELECT doc FROM topics WHERE id = 'definition'").get() as { doc: string }).doc) as { data: { preferredName: Record<Language, string> } }).data.preferredName

  const raw = new Map<EntityKind, Row[]>()
  for (const kind of Object.keys(ENTITY_ROUTES) as EntityKind[]) raw.set(kind, entityRows.all(kind) as Row[])
  const genesById = new Map((raw.get('gene') as Row[]).map((row) => [row.id, JSON.parse(row.doc) as { symbol: string }]))

  const linkFor = (kind: string, id: string, topic: string): string => {
    if (kind === 'gene') return `${baseUrl}/v1/genes/${(genesById.get(id) as { symbol: string }).symbol}`
    if (kind === 'reference') return `${baseUrl}/v1/references/${id}`
    if (kind === 'statement') return `${baseUrl}/v1/statements/${id}`
    if (Object.hasOwn(ENTITY_ROUTES, kind)) return `${baseUrl}/v1/${ENTITY_ROUTES[kind as EntityKind]}/${id}`
    return `${baseUrl}/v1/topics/${topic}`
  }

  const citedBy = new Map<string, Item[]>()
  for (const row of citationRows) {
    const list = citedBy.get(row.reference) ?? []
    list.push({ kind: row.kind, id: row.id, topic: row.topic, link: linkFor(row.kind, row.id, row.topic) })
    citedBy.set(row.reference, list)
  }

  const referenceResponse = (reference: ReferenceEntry, lang: Language, number?: number): Item => ({
    ...localize(reference, lang),
    ...(number === undefined ? {} : { number }),
    citation: formatCitation(reference),
    ...(number === undefined ? { citedBy: citedBy.get(reference.id) ?? [] } : {}),
    links: number === undefined ? { self: linkFor('reference', reference.id, 'references'), ...referenceLinks(reference) } : referenceLinks(reference)
  })

  const lists = new Map<string, Item[]>()
  const byId = new Map<string, Item>()
  const names = new Map<string, string>()
  const localized = memo((lang: Language): true => {
    for (const [kind, rows] of raw) {
      const items = rows.map((row) => ({ ...localize(JSON.parse(row.doc) as Item, lang), topic: row.topic, links: { self: linkFor(kind, row.id, row.topic) } }) as Item)
      lists.set(`${kind}:${lang}`, items)
      for (const item of items) {
        byId.set(`${kind}:${lang}:${item.id}`, item)
        if (kind === 'gene') byId.set(`${kind}:${lang}:${String(item.symbol).toLowerCase()}`, item)
        names.set(`${kind}:${lang}:${item.id}`, kind === 'gene' ? String(item.symbol) : String(item.name))
      }
    }
    const referenceItems = [...references.values()].map((reference) => referenceResponse(reference, lang))
    lists.set(`reference:${lang}`, referenceItems)
    for (const item of referenceItems) byId.set(`reference:${lang}:${item.id}`, item)

    for (const row of statementRows) {
      const statement = localize(JSON.parse(row.doc) as { id: string, citations: string[] }, lang)
      byId.set(`statement:${lang}:${row.id}`, {
        ...statement,
        lang,
        topic: row.topic,
        section: row.section,
        references: statement.citations.map((id, index) => referenceResponse(references.get(id) as ReferenceEntry, lang, index + 1)),
        links: { self: linkFor('statement', row.id, row.topic), topic: `${baseUrl}/v1/topics/${row.topic}` }
      })
    }
    lists.set(`code:${lang}`, codeRows.map((row) => ({
      system: row.system,
      code: row.code,
      display: row.display,
      target: {
        kind: row.kind,
        id: row.id,
        name: row.kind === 'topic' ? preferredName[lang] : names.get(`${row.kind}:${lang}:${row.id}`) as string,
        link: linkFor(row.kind, row.id, row.id)
      }
    }) as unknown as Item))
    return true
  })

  return {
    list: (kind, lang) => localized(lang) && lists.get(`${kind}:${lang}`) as Item[],
    get: (kind, id, lang) => localized(lang) && byId.get(`${kind}:${lang}:${kind === 'gene' ? id.toLowerCase() : id}`),
    references: (lang) => localized(lang) && lists.get(`reference:${lang}`) as Item[],
    reference: (id, lang) => localized(lang) && byId.get(`reference:${lang}:${id}`),
    statement: (id, lang) => localized(lang) && byId.get(`statement:${lang}:${id}`),
    codes: (lang) => localized(lang) && lists.get(`code:${lang}`) as Item[],
    linkFor
  }
}
