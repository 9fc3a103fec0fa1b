/**
 * Full-text search over the FTS5 index the seed builds: bm25 with field weights (title above keywords above body,
 * the stem columns below the words as written), case, diacritics and Turkish i folded. A query is read as people
 * write it: stop words need not match; each other word matches as a prefix (results come as you type), through its
 * Snowball stem, or through the word the content uses for it (a lay word); when no document holds every word, those
 * holding the most words come first; a word the index does not know is corrected against the index's vocabulary.
 * The MATCH expression is rebuilt from the words of the user's input, each quoted, so no FTS5 syntax from the input
 * ever reaches SQLite.
 */
import type Database from 'better-sqlite3'
import { LANGUAGES, type Language } from '../../schemas/common.ts'
import { nameKey, queryTokens } from './fold.ts'
import { isDiseaseWord, stemWord, stopWordLanguage, wordGroups } from './language.ts'
import { createVocabulary } from './spell.ts'

/**
 * Weights of the indexed columns for bm25: title, keywords (synonyms, other names), body, then the same three as
 * stems. A word as written (or its prefix) also matches its stem column, so it outranks a match through the stem only.
 */
export const FIELD_WEIGHTS = [10, 6, 1, 4, 2.5, 0.4] as const
/** The columns a word is searched in: everywhere, or only in the names (title and keywords). */
const COLUMNS = {
  all: { words: '{title keywords body}', stems: '{title_stem keywords_stem body_stem}' },
  names: { words: '{title keywords}', stems: '{title_stem keywords_stem}' }
} as const
type Scope = keyof typeof COLUMNS
/** A stem shorter than this is not searched as a prefix of the words as written: too many words begin with it. */
const MIN_STEM_PREFIX = 5

/**
 * Every kind's weight, in one table to tune: bm25 alone ranks a short reference title that names a drug above the
 * drug itself. Items (a symptom, a gene, a treatment…) are what a reader looks for, so they weigh more than the
 * sections and statements that mention them, and those more than the bibliography; a differential is another
 * disease, found by its name but not before the item a word names. A kind not listed weighs `default`.
 * Scores are negative: a larger factor ranks higher.
 */
export const KIND_WEIGHTS: Record<string, number> = { reference: 0.4, statement: 0.7, section: 0.9, topic: 1, differential: 0.8, question: 1.5, default: 1.2 }
/**
 * A query of a few words is read as a question: the questions people ask come first (`KIND_WEIGHTS.question`). A word
 * or two is a name: the item of that name comes before a question that mentions it (`name`, and a question's name
 * holding the words is then no reason to rank it higher).
 */
export const QUESTION_WEIGHT = { name: 0.4, words: 3 } as const
const KIND_WEIGHT_SQL = `(CASE d.kind ${Object.entries(KIND_WEIGHTS).filter(([kind]) => kind !== 'default' && kind !== 'question').map(([kind, weight]) => `WHEN '${kind}' THEN ${weight}`).join(' ')} ` +
  `WHEN 'question' THEN (CASE WHEN @words >= ${QUESTION_WEIGHT.words} THEN ${KIND_WEIGHTS.question} ELSE ${QUESTION_WEIGHT.name} END) ELSE ${KIND_WEIGHTS.default} END)`
/**
 * A result whose name is what the reader typed (or begins with it) comes before results that only mention it; so does
 * one whose name (title or keywords) holds every word of the query (`words`), or every word but the disease's own
 * names (`wordsButDisease`: "early signs of ALS" is answered by "Early symptoms").
 */
export const NAME_BOOST = { exact: 3, prefix: 1.5, words: 10, wordsButDisease: 1.8 } as const

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
  /** The words searched for: the query's words without stop words, corrected when `corrected` is set. */
  tokens: string[]
  total: number
  rows: SearchRow[]
  /** `all`: every word matched in every result; `any`: no document held them all, results hold the most words first. */
  match: 'all' | 'any'
  /** The corrected query that was run instead, when the query found nothing or not all its words. */
  corrected?: string
  /** Corrected queries the reader may have meant, when the query was run as typed. */
  suggestions?: string[]
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

/** One word (or phrase) of a group as FTS5 alternatives: the prefix as written, the stem, the stem as a prefix. */
function alternativesOf (word: string, lang: Language, scope: Scope): string[] {
  const { words, stems } = COLUMNS[scope]
  const key = nameKey(word)
  if (key.includes(' ')) return [`${words} : "${key}"*`]
  const stem = nameKey(stemWord(word, lang))
  const alternatives = [`${words} : "${key}"*`, `${stems} : "${stem}"`]
  if (stem !== key && stem.length >= MIN_STEM_PREFIX) alternatives.push(`${words} : "${stem}"*`)
  return alternatives
}

/** A group (a word with its lay alternatives) as one FTS5 expression. */
export function groupExpression (group: readonly string[], lang: Language, scope: Scope = 'all'): string {
  return `(${[...new Set(group.flatMap((word) => alternativesOf(word, lang, scope)))].join(' OR ')})`
}

/** An FTS5 MATCH expression: every group must match. */
export function matchExpression (groups: ReadonlyArray<readonly string[]>, lang: Language, scope: Scope = 'all'): string {
  return groups.map((group) => groupExpression(group, lang, scope)).join(' AND ')
}

export interface Searcher {
  search: (query: string, filters: SearchFilters) => SearchPage
  /** The language whose content knows more of the query's words, or undefined when neither does more. */
  detectLanguage: (query: string) => Language | undefined
}

export function createSearcher (db: Database.Database): Searcher {
  const where = 'search MATCH @match AND d.lang = @lang AND (@topic IS NULL OR d.topic = @topic) AND (@kind IS NULL OR d.kind = @kind)'
  const rank = `bm25(search, ${FIELD_WEIGHTS.join(', ')}) * ${KIND_WEIGHT_SQL}
        * (CASE WHEN d.name_keys LIKE '%|' || @key || '|%' THEN ${NAME_BOOST.exact} WHEN d.name_keys LIKE '%|' || @key || '%' THEN ${NAME_BOOST.prefix} ELSE 1 END)
        * (CASE WHEN d.kind = 'question' AND @words < ${QUESTION_WEIGHT.words} THEN 1
            WHEN search.rowid IN (SELECT rowid FROM search WHERE search MATCH @names) THEN ${NAME_BOOST.words}
            WHEN search.rowid IN (SELECT rowid FROM search WHERE search MATCH @namesButDisease) THEN ${NAME_BOOST.wordsButDisease} ELSE 1 END)`
  const from = 'FROM search JOIN search_docs AS d ON d.rowid = search.rowid'
  // Ranks every match, then cuts snippets for the page only: a snippet costs more than a score.
  const withSnippets = (ranked: string): string => `WITH page AS MATERIALIZED (${ranked})
    SELECT d.kind, d.id, d.topic, d.label AS title, snippet(search, -1, '${OPEN}', '${CLOSE}', '…', 16) AS snippet, page.rank
    FROM page JOIN search ON search.rowid = page.id JOIN search_docs AS d ON d.rowid = page.id
    WHERE search MATCH @match ORDER BY page.matched DESC, page.rank, page.id`
  const page = db.prepare(withSnippets(`SELECT search.rowid AS id, ${rank} AS rank, 0 AS matched
    ${from} WHERE ${where} ORDER BY rank, id LIMIT @limit OFFSET @offset`))
  const count = db.prepare(`SELECT count(*) AS n ${from} WHERE ${where}`)
  // With fewer than all the words matched, results are ordered by how many groups match: one statement per number of
  // groups, prepared when first needed.
  const anyPages = new Map<number, Database.Statement>()
  const anyPage = (groups: number): Database.Statement => {
    let statement = anyPages.get(groups)
    if (statement === undefined) {
      const matched = Array.from({ length: groups }, (_, index) => `(search.rowid IN (SELECT rowid FROM search WHERE search MATCH @g${index}))`).join(' + ')
      statement = db.prepare(withSnippets(`SELECT search.rowid AS id, ${rank} AS rank, ${matched} AS matched
        ${from} WHERE ${where} ORDER BY matched DESC, rank, id LIMIT @limit OFFSET @offset`))
      anyPages.set(groups, statement)
    }
    return statement
  }

  const words = createVocabulary(db)

  type Filters = Omit<SearchFilters, 'limit' | 'offset'>
  const params = (expression: string, filters: Filters) => ({ match: expression, lang: filters.lang, topic: filters.topic ?? null, kind: filters.kind ?? null })
  const totalOf = (expression: string, filters: Filters): number => (count.get(params(expression, filters)) as { n: number }).n

  const toRow = ({ rank, ...row }: SearchRow & { rank: number }): SearchRow => ({
    ...row,
    snippet: renderSnippet(row.snippet),
    score: Math.round(-rank * 1000) / 1000
  })

  /**
   * What must match, and the parameters of the ranking. Every document is about the disease, so its names (ALS, MND…)
   * need not match when the query has other words; a name holding them as well ranks higher (`words`).
   */
  function plan (groups: string[][], typed: string, lang: Language) {
    const others = groups.filter((group) => !isDiseaseWord(group[0] as string))
    const required = others.length > 0 ? others : groups
    const names = matchExpression(groups, lang, 'names')
    return { required, rank: { key: nameKey(typed), words: queryTokens(typed).length, names, namesButDisease: required.length < groups.length ? matchExpression(required, lang, 'names') : names } }
  }

  function run (query: string[][], typed: string, filters: SearchFilters): SearchPage {
    const tokens = query.map((group) => group[0] as string)
    const { required: groups, rank } = plan(query, typed, filters.lang)
    const all = matchExpression(groups, filters.lang)
    const allTotal = totalOf(all, filters)
    if (allTotal > 0 || groups.length === 1) {
      const rows = allTotal === 0 ? [] : page.all({ ...params(all, filters), ...rank, limit: filters.limit, offset: filters.offset }) as Array<SearchRow & { rank: number }>
      return { tokens, total: allTotal, rows: rows.map(toRow), match: 'all' }
    }
    const expressions = groups.map((group) => groupExpression(group, filters.lang))
    const any = expressions.join(' OR ')
    const total = totalOf(any, filters)
    const perGroup = Object.fromEntries(expressions.map((expression, index) => [`g${index}`, expression]))
    const rows = total === 0 ? [] : anyPage(groups.length).all({ ...params(any, filters), ...perGroup, ...rank, limit: filters.limit, offset: filters.offset }) as Array<SearchRow & { rank: number }>
    return { tokens, total, rows: rows.map(toRow), match: 'any' }
  }

  /** The groups with each word that the language's index does not know replaced by its correction, if any is. */
  function corrected (groups: string[][], lang: Language): string[][] | undefined {
    let changed = false
    const result = groups.map((group) => {
      const known = group.some((word) => word.includes(' ') || words.knows(lang, nameKey(word), nameKey(stemWord(word, lang))))
      const correction = known ? undefined : words.correct(lang, nameKey(group[0] as string))
      if (correction === undefined) return group
      changed = true
      return [correction]
    })
    return changed ? result : undefined
  }

  return {
    search (query, filters) {
      const tokens = queryTokens(query)
      const groups = wordGroups(tokens)
      const result = run(groups, tokens.join(' '), filters)
      const correction = corrected(groups, filters.lang)
      if (correction === undefined) return result
      const text = correction.map((group) => group[0]).join(' ')
      // A word the index does not know matched, if at all, only through a loose stem: the correction is run when the
      // query as typed found nothing, or when the correction finds all its words.
      const fixed = run(correction, text, filters)
      if (fixed.total > 0 && (result.total === 0 || fixed.match === 'all')) return { ...fixed, corrected: text }
      return { ...result, suggestions: [text] }
    },
    detectLanguage (query) {
      const tokens = queryTokens(query)
      const scores = LANGUAGES.map((lang) => tokens.reduce((score, token) => {
        const stop = stopWordLanguage(token)
        if (stop !== undefined) return score + (stop === lang ? 1 : 0)
        return score + (words.owns(lang, nameKey(token), nameKey(stemWord(token, lang))) ? 1 : 0)
      }, 0))
      const best = Math.max(...scores)
      const winners = LANGUAGES.filter((_, index) => scores[index] === best)
      return best > 0 && winners.length === 1 ? winners[0] : undefined
    }
  }
}
