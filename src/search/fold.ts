/**
 * Text folding shared by the search index and the search query. SQLite's unicode61 tokenizer folds case and (with
 * remove_diacritics 2) strips accents — ş, ğ, ç, ö, ü become s, g, c, o, u — but it leaves Turkish dotless ı and
 * dotted İ alone, so a reader typing "ilac" would miss "İlaç" and "kasik" would miss "kasık". Both become a plain i
 * here, one character for one, so token positions in the folded index match the original text (snippets rely on it).
 */
export function foldTurkish (text: string): string {
  return text.replace(/[İı]/g, 'i')
}

/** At most this many words of a query are searched; the rest are ignored. */
export const MAX_QUERY_TOKENS = 12
/** Longer words are cut: no word in the content is this long. */
export const MAX_TOKEN_LENGTH = 40

/**
 * The words of a user's query: letters, digits and combining marks, after Unicode normalisation and Turkish folding.
 * Everything else (FTS5 operators, quotes, brackets, control characters) only separates words, so no query syntax
 * can be injected.
 */
export function queryTokens (input: string): string[] {
  const words = foldTurkish(input.normalize('NFC')).match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  return words.slice(0, MAX_QUERY_TOKENS).map((word) => word.slice(0, MAX_TOKEN_LENGTH))
}

/** An FTS5 MATCH expression: every word must occur, each as a prefix, so results come as people type. */
export function matchExpression (tokens: readonly string[]): string {
  return tokens.map((token) => `"${token}"*`).join(' ')
}

/**
 * A name reduced to what a reader types: Turkish i folded, accents stripped, lower case, words separated by one space.
 * Only letters, digits and spaces remain, so a key is safe inside a LIKE pattern.
 */
export function nameKey (text: string): string {
  return (foldTurkish(text.normalize('NFC')).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')
}
