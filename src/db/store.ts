/**
 * The read side. Opens the database read-only, checks its layout version, and prepares every representation a
 * release serves — per topic and language — once, at start: content is immutable per release.
 */
import { createHash } from 'node:crypto'
import { accessSync, constants, existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { LANGUAGES, type Language } from '../../schemas/common.ts'
import { TOPIC_IDS, type TopicId } from '../../schemas/topics/index.ts'
import type { ContentMeta, ReferenceEntry, TopicFile } from '../../schemas/content.ts'
import type { TopicResponse } from '../../schemas/api.ts'
import { DATABASE_SCHEMA_VERSION } from './build.ts'
import { formatCitation, referenceLinks } from '../render/citation.ts'
import { localize } from '../render/localize.ts'
import { createEntityRepository, type EntityRepository } from './entities.ts'
import { memo } from './memo.ts'
import { createSearcher, type Searcher } from '../search/search.ts'

export class DatabaseError extends Error {
  override name = 'DatabaseError'
}

/** A response body prepared once: its bytes and a strong ETag. */
export interface Prepared {
  body: string
  etag: string
  /** The body as bytes, when it is not text made here (a file served as it is); `body` is then empty. */
  bytes?: Buffer
  /** False for bodies that compression would not shrink (images). */
  compressible?: boolean
}

export function prepare (value: unknown): Prepared {
  return prepareText(JSON.stringify(value))
}

function strongEtag (body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}

/** A text body (HTML, JSON already serialized) prepared once, with its strong ETag. */
export function prepareText (body: string): Prepared {
  return { body, etag: strongEtag(body) }
}

/** A body already in bytes (a file), prepared once, with its strong ETag. */
export function prepareBytes (bytes: Buffer, compressible: boolean): Prepared {
  return { body: '', bytes, compressible, etag: strongEtag(bytes) }
}

export interface Provenance {
  contentVersion: string
  lastReviewed?: string
  publisher: string
  license: ContentMeta['license']
  attribution: string
  disclaimer: string
}

export interface StoreOptions {
  /** Absolute base URL used in links, without a trailing slash. */
  baseUrl: string
}

export interface ContentStore {
  readonly contentVersion: string
  readonly contentHash: string
  readonly builtAt: string
  readonly meta: ContentMeta
  readonly counts: Record<string, number>
  readonly topicIds: readonly TopicId[]
  topic: (id: TopicId, lang: Language) => TopicResponse
  topicJson: (id: TopicId, lang: Language) => Prepared
  topicListJson: (lang: Language) => Prepared
  metaJson: (lang: Language) => Prepared
  provenance: (lang: Language, lastReviewed?: string) => Provenance
  /** Symptoms, genes, treatments, statistics, references, statements and codes, ready to filter and page. */
  entities: EntityRepository
  /** Full-text search. */
  searcher: Searcher
  ping: () => boolean
  close: () => void
}

function openReadOnly (path: string): Database.Database {
  if (!existsSync(path)) throw new DatabaseError(`database file not found: ${path} (run "npm run seed" to build it)`)
  try {
    accessSync(path, constants.R_OK)
  } catch {
    throw new DatabaseError(`database file is not readable: ${path}`)
  }
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
    const version = db.pragma('user_version', { simple: true }) as number
    if (version !== DATABASE_SCHEMA_VERSION) {
      throw new DatabaseError(`database ${path} has layout version ${version}, this server needs ${DATABASE_SCHEMA_VERSION} (rebuild it with "npm run seed")`)
    }
    return db
  } catch (error) {
    db?.close()
    if (error instanceof DatabaseError) throw error
    throw new DatabaseError(`database ${path} cannot be read: ${(error as Error).message}`)
  }
}

export function openContentStore (path: string, options: StoreOptions): ContentStore {
  const db = openReadOnly(path)
  try {
    return createStore(db, options)
  } catch (error) {
    db.close()
    if (error instanceof DatabaseError) throw error
    throw new DatabaseError(`database ${path} is not a valid content database: ${(error as Error).message}`)
  }
}

function createStore (db: Database.Database, { baseUrl }: StoreOptions): ContentStore {
  const metaRows = new Map((db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string, value: string }>).map((row) => [row.key, row.value]))
  const required = (key: string): string => {
    const value = metaRows.get(key)
    if (value === undefined) throw new DatabaseError(`missing meta "${key}"`)
    return value
  }
  const meta = JSON.parse(required('meta')) as ContentMeta
  const contentVersion = required('contentVersion')
  const contentHash = required('contentHash')
  const builtAt = required('builtAt')

  const topics = new Map((db.prepare('SELECT id, doc FROM topics ORDER BY position').all() as Array<{ id: TopicId, doc: string }>)
    .map((row) => [row.id, JSON.parse(row.doc) as TopicFile]))
  for (const id of TOPIC_IDS) if (!topics.has(id)) throw new DatabaseError(`missing topic "${id}"`)
  const references = new Map((db.prepare('SELECT id, doc FROM refs ORDER BY position').all() as Array<{ id: string, doc: string }>)
    .map((row) => [row.id, JSON.parse(row.doc) as ReferenceEntry]))

  const counts: Record<string, number> = {}
  counts.topics = topics.size
  counts.statements = (db.prepare('SELECT count(*) AS n FROM statements').get() as { n: number }).n
  counts.references = references.size
  for (const row of db.prepare('SELECT kind, count(*) AS n FROM entities GROUP BY kind ORDER BY kind').all() as Array<{ kind: string, n: number }>) counts[row.kind] = row.n

  const pingStatement = db.prepare('SELECT 1 AS ok')
  const entities = createEntityRepository(db, baseUrl, references)
  const searcher = createSearcher(db)

  const provenance = (lang: Language, lastReviewed?: string): Provenance => ({
    contentVersion,
    ...(lastReviewed === undefined ? {} : { lastReviewed }),
    publisher: meta.publisher,
    license: meta.license,
    attribution: meta.attribution[lang],
    disclaimer: meta.disclaimer[lang]
  })

  const links = (id: TopicId) => ({ self: `${baseUrl}/v1/topics/${id}`, embed: `${baseUrl}/embed/topics/${id}` })

  /** The references a topic cites, numbered in order of first citation. The references topic lists them all. */
  const citedReferences = (topic: TopicFile): string[] => {
    if (topic.id === 'references') return [...references.keys()]
    const order: string[] = []
    const seen = new Set<string>()
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) { node.forEach(visit); return }
      if (node === null || typeof node !== 'object') return
      for (const [key, child] of Object.entries(node)) {
        if (key === 'citations' && Array.isArray(child)) {
          for (const id of child as string[]) if (!seen.has(id)) { seen.add(id); order.push(id) }
        } else visit(child)
      }
    }
    visit(topic.sections)
    visit(topic.data)
    return order
  }

  /** A cross-link with the title and URL of what it points to (both were checked by the seed). */
  const seeAlso = (link: { topic: string, section?: string }, lang: Language) => {
    const target = topics.get(link.topic as TopicId) as TopicFile
    const section = target.sections.find((candidate) => candidate.id === link.section)
    return {
      ...link,
      title: section === undefined ? target.title[lang] : `${target.title[lang]}: ${section.heading[lang]}`,
      href: `${baseUrl}/v1/topics/${link.topic}${section === undefined ? '' : `?sections=${section.id}`}`
    }
  }

  const referenceResponse = (id: string, number: number, lang: Language) => {
    // Every cited id was checked at start (below).
    const reference = references.get(id) as ReferenceEntry
    return { ...localize(reference, lang), number, citation: formatCitation(reference), links: referenceLinks(reference) }
  }

  // Representations are made on first demand and kept for the life of the process (the release is immutable):
  // start-up does no serializing, and a process holds only what it has been asked for.
  const topicResponse = memo((key: `${TopicId}:${Language}`): TopicResponse => {
    const [id, lang] = key.split(':') as [TopicId, Language]
    // Every topic was checked at start (above).
    const topic = topics.get(id) as TopicFile
    const localized = localize(topic, lang)
    return {
      id,
      lang,
      title: localized.title,
      summary: localized.summary,
      lastReviewed: topic.lastReviewed,
      sections: localized.sections.map((section) => section.seeAlso === undefined ? section : { ...section, seeAlso: section.seeAlso.map((link) => seeAlso(link, lang)) }),
      data: localized.data,
      references: citedReferences(topic).map((referenceId, index) => referenceResponse(referenceId, index + 1, lang)),
      provenance: provenance(lang, topic.lastReviewed),
      links: links(id)
    } as TopicResponse
  })
  const topicPrepared = memo((key: `${TopicId}:${Language}`) => prepare(topicResponse(key)))
  const listPrepared = memo((lang: Language) => prepare({
    lang,
    items: [...topics.values()].map((topic) => ({
      id: topic.id, title: topic.title[lang], summary: topic.summary[lang], lastReviewed: topic.lastReviewed, links: links(topic.id as TopicId)
    })),
    total: topics.size,
    provenance: provenance(lang)
  }))
  const metaPrepared = memo((lang: Language) => prepare({
    lang,
    contentVersion,
    contentHash,
    builtAt,
    schemaVersion: DATABASE_SCHEMA_VERSION,
    languages: [...LANGUAGES],
    counts,
    provenance: provenance(lang),
    links: { topics: `${baseUrl}/v1/topics`, docs: `${baseUrl}/docs`, openapi: `${baseUrl}/openapi.json` }
  }))
  // Every topic must resolve its citations: checked at start, so that a bad database fails there, not on a request.
  for (const topic of topics.values()) for (const id of citedReferences(topic)) if (!references.has(id)) throw new DatabaseError(`topic "${topic.id}" cites unknown reference "${id}"`)

  return {
    contentVersion,
    contentHash,
    builtAt,
    meta,
    counts,
    topicIds: [...topics.keys()],
    topic: (id, lang) => topicResponse(`${id}:${lang}`),
    topicJson: (id, lang) => topicPrepared(`${id}:${lang}`),
    topicListJson: listPrepared,
    metaJson: metaPrepared,
    provenance,
    entities,
    searcher,
    ping: () => (pingStatement.get() as { ok: number }).ok === 1,
    close: () => db.close()
  }
}
