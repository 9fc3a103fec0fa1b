/**
 * Builds the SQLite database from validated content. The build writes a temporary file beside the target, in one
 * transaction, checks it, and renames it into place: a reader sees the old database or the new one, never a part.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, rmSync, existsSync } from 'node:fs'
import { dirname, basename, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Content } from '../../seed/load.ts'
import type { TopicFile } from '../../schemas/content.ts'
import { TOPIC_IDS } from '../../schemas/topics/index.ts'
import { searchDocuments } from '../search/documents.ts'
import { foldTurkish, nameKey } from '../search/fold.ts'

/** Bumped whenever the tables change; the server refuses a database of another version. */
export const DATABASE_SCHEMA_VERSION = 4

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE topics (id TEXT PRIMARY KEY, position INTEGER NOT NULL, last_reviewed TEXT NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE refs (id TEXT PRIMARY KEY, position INTEGER NOT NULL, type TEXT NOT NULL, year INTEGER,
  doi TEXT, pmid TEXT, doc TEXT NOT NULL) STRICT;
CREATE TABLE statements (id TEXT PRIMARY KEY, topic TEXT NOT NULL REFERENCES topics(id), section TEXT NOT NULL,
  position INTEGER NOT NULL, doc TEXT NOT NULL) STRICT;
CREATE TABLE entities (kind TEXT NOT NULL, id TEXT NOT NULL, topic TEXT NOT NULL REFERENCES topics(id),
  position INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (kind, id)) STRICT;
CREATE TABLE citations (source_kind TEXT NOT NULL, source_id TEXT NOT NULL, topic TEXT NOT NULL,
  reference_id TEXT NOT NULL REFERENCES refs(id), PRIMARY KEY (source_kind, source_id, reference_id)) STRICT;
CREATE INDEX citations_by_reference ON citations (reference_id);
CREATE TABLE codes (system TEXT NOT NULL, code TEXT NOT NULL, display TEXT NOT NULL, target_kind TEXT NOT NULL,
  target_id TEXT NOT NULL, PRIMARY KEY (system, code, target_kind, target_id)) STRICT;
CREATE TABLE search_docs (rowid INTEGER PRIMARY KEY, lang TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
  topic TEXT NOT NULL, label TEXT NOT NULL, title TEXT NOT NULL, keywords TEXT NOT NULL, body TEXT NOT NULL,
  name_key TEXT NOT NULL) STRICT;
CREATE VIRTUAL TABLE search USING fts5(title, keywords, body, content='search_docs', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2');
`

/** The structured lists of each topic's `data`, stored as entities of a kind: `symptoms` → `symptom`. */
export const ENTITY_KINDS: Record<string, string> = {
  synonyms: 'synonym',
  symptoms: 'symptom',
  onsetPatterns: 'onset-pattern',
  spared: 'spared-function',
  statistics: 'statistic',
  clusters: 'cluster',
  riskFactors: 'risk-factor',
  genes: 'gene',
  criteria: 'criterion',
  tests: 'test',
  differentials: 'differential',
  scales: 'scale',
  treatments: 'treatment'
}

export interface BuildSummary {
  path: string
  contentVersion: string
  contentHash: string
  counts: Record<string, number>
}

export function contentHash (content: Content): string {
  return createHash('sha256').update(JSON.stringify({ meta: content.meta, topics: content.topics, references: content.references })).digest('hex')
}

function citationsOf (value: unknown): string[] {
  const found = new Set<string>()
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(visit); return }
    if (node === null || typeof node !== 'object') return
    for (const [key, child] of Object.entries(node)) {
      if (key === 'citations' && Array.isArray(child)) child.forEach((id) => found.add(id as string))
      else visit(child)
    }
  }
  visit(value)
  return [...found]
}

function fill (db: Database.Database, content: Content, builtAt: string, hash: string): Record<string, number> {
  db.exec(SCHEMA)
  const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
  const insertTopic = db.prepare('INSERT INTO topics (id, position, last_reviewed, doc) VALUES (?, ?, ?, ?)')
  const insertReference = db.prepare('INSERT INTO refs (id, position, type, year, doi, pmid, doc) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const insertStatement = db.prepare('INSERT INTO statements (id, topic, section, position, doc) VALUES (?, ?, ?, ?, ?)')
  const insertEntity = db.prepare('INSERT INTO entities (kind, id, topic, position, doc) VALUES (?, ?, ?, ?, ?)')
  const insertCitation = db.prepare('INSERT OR IGNORE INTO citations (source_kind, source_id, topic, reference_id) VALUES (?, ?, ?, ?)')
  const insertCode = db.prepare('INSERT OR IGNORE INTO codes (system, code, display, target_kind, target_id) VALUES (?, ?, ?, ?, ?)')

  const counts: Record<string, number> = { topics: 0, sections: 0, statements: 0, references: 0 }
  insertMeta.run('contentVersion', content.meta.version)
  insertMeta.run('contentHash', hash)
  insertMeta.run('builtAt', builtAt)
  insertMeta.run('meta', JSON.stringify(content.meta))

  content.references.forEach((reference, position) => {
    insertReference.run(reference.id, position, reference.type, reference.year ?? null, reference.doi ?? null, reference.pmid ?? null, JSON.stringify(reference))
    counts.references++
  })

  TOPIC_IDS.forEach((topicId, position) => {
    const topic: TopicFile = content.topics[topicId]
    insertTopic.run(topic.id, position, topic.lastReviewed, JSON.stringify(topic))
    counts.topics++
    for (const section of topic.sections) {
      counts.sections++
      section.statements.forEach((statement, index) => {
        insertStatement.run(statement.id, topic.id, section.id, index, JSON.stringify(statement))
        for (const id of statement.citations) insertCitation.run('statement', statement.id, topic.id, id)
        counts.statements++
      })
    }
    for (const [key, list] of Object.entries(topic.data as Record<string, unknown>)) {
      const kind = ENTITY_KINDS[key]
      if (kind === undefined || !Array.isArray(list)) continue
      list.forEach((item: { id: string }, index) => {
        insertEntity.run(kind, item.id, topic.id, index, JSON.stringify(item))
        for (const id of citationsOf(item)) insertCitation.run(kind, item.id, topic.id, id)
        counts[key] = (counts[key] ?? 0) + 1
        const record = item as { hpo?: string, hgnc?: string, symbol?: string, name?: { en: string }, omim?: { phenotype: string, name: string } }
        if (record.hpo !== undefined) insertCode.run('hpo', record.hpo, record.name?.en ?? item.id, kind, item.id)
        if (record.hgnc !== undefined) insertCode.run('hgnc', record.hgnc, record.symbol ?? item.id, kind, item.id)
        if (record.omim !== undefined) insertCode.run('omim', record.omim.phenotype, record.omim.name, kind, item.id)
      })
    }
    if (topic.id === 'definition') {
      const data = topic.data as { codes: Array<{ system: string, code: string, display: string }> }
      for (const code of data.codes) insertCode.run(code.system, code.code, code.display, 'topic', 'definition')
      for (const id of citationsOf(data.codes)) insertCitation.run('topic', 'definition', 'definition', id)
    }
  })
  // The index holds the folded text; search_docs the original, which snippets and titles are cut from. Folding
  // replaces one character by one, so the tokens of both line up.
  const insertDocument = db.prepare('INSERT INTO search_docs (rowid, lang, kind, id, topic, label, title, keywords, body, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  const indexDocument = db.prepare('INSERT INTO search (rowid, title, keywords, body) VALUES (?, ?, ?, ?)')
  searchDocuments(content, ENTITY_KINDS).forEach((document, index) => {
    const rowid = index + 1
    insertDocument.run(rowid, document.lang, document.kind, document.id, document.topic, document.label ?? document.title, document.title, document.keywords, document.body, nameKey(document.title))
    indexDocument.run(rowid, foldTurkish(document.title), foldTurkish(document.keywords), foldTurkish(document.body))
  })
  db.exec("INSERT INTO search (search) VALUES ('optimize')")
  db.pragma(`user_version = ${DATABASE_SCHEMA_VERSION}`)
  return counts
}

/**
 * Writes the database for `content` to `path`, atomically. Throws (leaving any existing file untouched) on failure.
 */
/** Whether a process with this id is running (signal 0 only asks). */
function isRunning (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Temporary files that a killed build of this database left behind: their process is gone. */
function removeStaleTemporaries (path: string): void {
  const prefix = `.${basename(path)}.`
  for (const name of readdirSync(dirname(path))) {
    const pid = name.startsWith(prefix) && name.endsWith('.tmp') ? Number(name.slice(prefix.length).split('.')[0]) : Number.NaN
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) rmSync(join(dirname(path), name), { force: true })
  }
}

export function buildContentDatabase (content: Content, path: string, now: Date = new Date()): BuildSummary {
  mkdirSync(dirname(path), { recursive: true })
  removeStaleTemporaries(path)
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const hash = contentHash(content)
  let db: Database.Database | undefined
  try {
    db = new Database(temporary)
    db.pragma('journal_mode = DELETE')
    db.pragma('foreign_keys = ON')
    const counts = db.transaction(() => fill(db as Database.Database, content, now.toISOString(), hash))()
    const check = db.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`integrity check of the new database failed: ${String(check)}`)
    db.close()
    db = undefined
    renameSync(temporary, path)
    return { path, contentVersion: content.meta.version, contentHash: hash, counts }
  } finally {
    db?.close()
    if (existsSync(temporary)) rmSync(temporary, { force: true })
  }
}
