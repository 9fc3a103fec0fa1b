/**
 * Full-text search over the FTS5 index the seed builds: bm25 with field weights (title above keywords above body),
 * prefix matching on every word, case, diacritics and Turkish i folded. The query is rebuilt from the words of the
 * user's input, each quoted, so no FTS5 syntax from the input ever reaches SQLite.
 */
import type Database from 'better-sqlite3'
import type { Language } from '../../schemas/common.ts'
import { matchExpression, nameKey, queryTokens } from './fold.ts'

/** Weights of the indexed columns for bm25: title, keywords (synonyms, other names), body. */
export const FIELD_WEIGHTS = [10, 6, 1] as const

/**
 * bm25 alone ranks a short reference title that names a drug above the drug itself. Items of the reference (a
 * symptom, a gene, a treatment…) are what a reader looks for, so they weigh more than the sections and statements
 * that mention them, and those more than the bibliography. Scores are negative: a larger factor ranks higher.
 */
export const KIND_WEIGHTS: Record<string, number> = { reference: 0.4, statement: 0.7, section: 0.9, topic: 1 }
const DEFAULT_KIND_WEIGHT = 1.2
/**
 * A query of a few words is read as a question: the questions people ask come first. A word or two is a name: the
 * item of that name comes before a question that mentions it.
 */
export const QUESTION_WEIGHT = { question: 1.5, name: 0.4, words: 3 } as const
const KIND_WEIGHT_SQL = `(CASE d.kind ${Object.entries(KIND_WEIGHTS).map(([kind, weight]) => `WHEN '${kind}' THEN ${weight}`).join(' ')} ` +
  `WHEN 'question' THEN (CASE WHEN @words >= ${QUESTION_WEIGHT.words} THEN ${QUESTION_WEIGHT.question} ELSE ${QUESTION_WEIGHT.name} END) ELSE ${DEFAULT_KIND_WEIGHT} END)`
/** A result whose name is what the reader typed (or begins with it) comes before results that only mention it. */
export const NAME_BOOST = { exact: 3, prefix: 1.5 } as const

export interface SearchFilters {
  lang: Language
  topic?: string
  kind?: string
  limit: number
  offset: number
}

export interface SearchRow {
  kind: string
  id: string
  topic: string
  title: string
  snippet: string
  score: number
}

export interface SearchPage {
  tokens: string[]
  total: number
  rows: SearchRow[]
}

// Control characters cannot occur in content text; they mark the matches until the snippet is HTML-escaped.
const OPEN = '\u0002'
const CLOSE = '\u0003'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string)

/** HTML-escapes a snippet and turns the match markers into `<mark>` elements. */
export function renderSnippet (raw: string): string {
  return escapeHtml(raw).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>')
}

export interface Searcher {
  search: (query: string, filters: SearchFilters) => SearchPage
}

export function createSearcher (db: Database.Database): Searcher {
  const where = 'search MATCH @match AND d.lang = @lang AND (@topic IS NULL OR d.topic = @topic) AND (@kind IS NULL OR d.kind = @kind)'
  const page = db.prepare(`
    SELECT d.kind, d.id, d.topic, d.label AS title,
      snippet(search, -1, '${OPEN}', '${CLOSE}', '…', 16) AS snippet,
      bm25(search, ${FIELD_WEIGHTS.join(', ')}) * ${KIND_WEIGHT_SQL}
        * (CASE WHEN d.name_key = @key THEN ${NAME_BOOST.exact} WHEN d.name_key LIKE @key || '%' THEN ${NAME_BOOST.prefix} ELSE 1 END) AS rank
    FROM search JOIN search_docs AS d ON d.rowid = search.rowid
    WHERE ${where}
    ORDER BY rank, d.rowid
    LIMIT @limit OFFSET @offset`)
  const count = db.prepare(`SELECT count(*) AS n FROM search JOIN search_docs AS d ON d.rowid = search.rowid WHERE ${where}`)

  return {
    search (query, filters) {
      const tokens = queryTokens(query)
      const params = { match: matchExpression(tokens), lang: filters.lang, topic: filters.topic ?? null, kind: filters.kind ?? null }
      const total = (count.get(params) as { n: number }).n
      const rows = total === 0
        ? []
        : (page.all({ ...params, key: nameKey(tokens.join(' ')), words: tokens.length, limit: filters.limit, offset: filters.offset }) as Array<SearchRow & { rank: number }>).map(({ rank, ...row }) => ({
            ...row,
            snippet: renderSnippet(row.snippet),
            score: Math.round(-rank * 1000) / 1000
          }))
      return { tokens, total, rows }
    }
  }
}
