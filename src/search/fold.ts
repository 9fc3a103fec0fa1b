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
  // A suffix after an apostrophe (Turkish "ALS'nin", English "Gehrig's") belongs to the word before it.
  const words = foldTurkish(input.normalize('NFC')).replace(/(?<=[\p{L}\p{N}])['’][\p{L}\p{M}]+/gu, '').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  return words.slice(0, MAX_QUERY_TOKENS).map((word) => word.slice(0, MAX_TOKEN_LENGTH))
}

/**
 * A name reduced to what a reader types: Turkish i folded, accents stripped, lower case, words separated by one space.
 * Only letters, digits and spaces remain, so a key is safe inside a LIKE pattern.
 */
export function nameKey (text: string): string {
  return (foldTurkish(text.normalize('NFC')).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')
}

/**
 * The names a document answers to, each as a name key between `|`: its whole title, each part of a title joined
 * with ` · `, each part without its parenthesis, and what the parenthesis holds ("Stiffness (spasticity)" is also
 * "stiffness" and "spasticity"). A query that is one of them, or the start of one, ranks that document first.
 */
export function nameKeys (title: string): string {
  const names = new Set<string>([nameKey(title)])
  for (const part of title.split(' · ')) {
    names.add(nameKey(part))
    names.add(nameKey(part.replace(/\([^)]*\)/g, ' ')))
    for (const inner of part.match(/\(([^)]*)\)/g) ?? []) for (const alias of inner.slice(1, -1).split(/[,;]/)) names.add(nameKey(alias))
  }
  names.delete('')
  return `|${[...names].join('|')}|`
}
