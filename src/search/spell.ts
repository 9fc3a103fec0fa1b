/**
 * The index's own vocabulary (built from FTS5's vocabulary table, per language): whether a query word occurs in the
 * content at all, which language a query's words belong to, and the word a misspelt one was meant to be, by edit
 * distance, preferring the terms that more documents hold.
 */
import type Database from 'better-sqlite3'
import type { Language } from '../../schemas/common.ts'

/** Words shorter than this are not corrected: too many terms lie within one edit of them. */
export const MIN_CORRECTED_LENGTH = 4

/** How many edits a word of this length may be from its correction. */
export const maxEdits = (length: number): number => length >= 8 ? 2 : 1

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions), or `limit + 1` as soon as it must
 * exceed `limit`.
 */
export function editDistance (a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  const width = b.length + 1
  // Three rows of the table: two rows back (for transpositions), the previous one and the current one.
  let before = new Int32Array(width)
  let previous = new Int32Array(width)
  let current = new Int32Array(width)
  for (let j = 0; j < width; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let best = i
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] as number) + 1)
      current[j] = value
      if (value < best) best = value
    }
    if (best > limit) return limit + 1
    const recycled = before
    before = previous
    previous = current
    current = recycled
  }
  return previous[b.length] as number
}

export interface Vocabulary {
  /** Whether a folded word occurs in the language's index: whole, as the start of a term, or (its stem) as a stem. */
  knows: (lang: Language, word: string, stem: string) => boolean
  /** Whether the language's own text (titles and body) holds a term beginning with the word, or the stem. */
  owns: (lang: Language, word: string, stem: string) => boolean
  /** The most likely intended term for an unknown folded word, if one is near enough. */
  correct: (lang: Language, word: string) => string | undefined
}

interface Candidate { term: string, docs: number }

/** The first term after `prefix` in sort order that could begin with it: prefix look-ups use the primary key. */
const prefixEnd = (prefix: string): string => prefix + '\uffff'

export function createVocabulary (db: Database.Database): Vocabulary {
  const prefixed = db.prepare('SELECT 1 FROM search_terms WHERE lang = ? AND stem = 0 AND term >= ? AND term < ? AND own >= ? LIMIT 1').pluck()
  const stemmed = db.prepare('SELECT 1 FROM search_terms WHERE lang = ? AND stem = 1 AND term = ? AND docs > 0 LIMIT 1').pluck()
  const terms = db.prepare('SELECT term, docs FROM search_terms WHERE lang = ? AND stem = 0')
  // The candidates of corrections, by length, read when a language first needs one.
  const byLength = new Map<Language, Map<number, Candidate[]>>()
  const candidatesOf = (lang: Language): Map<number, Candidate[]> => {
    let lengths = byLength.get(lang)
    if (lengths === undefined) {
      lengths = new Map()
      for (const row of terms.all(lang) as Candidate[]) {
        // Terms with digits (codes, years, identifiers) are never what a misspelt word was meant to be.
        if (/\d/.test(row.term)) continue
        const sameLength = lengths.get(row.term.length)
        if (sameLength === undefined) lengths.set(row.term.length, [row])
        else sameLength.push(row)
      }
      byLength.set(lang, lengths)
    }
    return lengths
  }
  const hasPrefix = (lang: Language, word: string, own: number): boolean => prefixed.get(lang, word, prefixEnd(word), own) !== undefined

  return {
    knows (lang, word, stem) {
      return hasPrefix(lang, word, 0) || stemmed.get(lang, stem) !== undefined
    },
    owns (lang, word, stem) {
      return hasPrefix(lang, word, 1) || hasPrefix(lang, stem, 1)
    },
    correct (lang, word) {
      if (word.length < MIN_CORRECTED_LENGTH || /\d/.test(word)) return undefined
      const lengths = candidatesOf(lang)
      const limit = maxEdits(word.length)
      let best: { term: string, distance: number, docs: number } | undefined
      for (let length = word.length - limit; length <= word.length + limit; length++) {
        for (const { term, docs } of lengths.get(length) ?? []) {
          // Readers rarely get the first letter wrong (swapping the first two is a typo too): the rest is not measured.
          if (term[0] !== word[0] && !(term[0] === word[1] && term[1] === word[0])) continue
          const distance = editDistance(word, term, limit)
          // Nearer first; among equally near terms, the one more documents hold; then the first in order.
          if (distance <= limit && (best === undefined || distance < best.distance || (distance === best.distance && docs > best.docs))) best = { term, distance, docs }
        }
      }
      return best?.term
    }
  }
}
