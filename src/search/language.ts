/**
 * What a query's words mean beyond their letters: stop words that need not match, Snowball stems (English and
 * Turkish) shared by the index and the query, and the lay words readers type for the content's terms.
 */
import { createRequire } from 'node:module'
import type { Language } from '../../schemas/common.ts'
import { foldTurkish, nameKey } from './fold.ts'

interface Stemmer { stem: (word: string) => string }
// snowball-stemmers is CommonJS without types: the maintained JavaScript port of the Snowball algorithms.
const snowball = createRequire(import.meta.url)('snowball-stemmers') as { newStemmer: (language: string) => Stemmer }
const STEMMERS: Record<Language, Stemmer> = { en: snowball.newStemmer('english'), tr: snowball.newStemmer('turkish') }
const LOCALES: Record<Language, string> = { en: 'en', tr: 'tr' }
const STEMS: Record<Language, Map<string, string>> = { en: new Map(), tr: new Map() }
const MAX_REMEMBERED_STEMS = 50_000

/**
 * The Snowball stem of one word, folded as the index folds (Turkish i): the Turkish stemmer needs the real ı and İ,
 * so the word is lower-cased in its language before it is stemmed and folded after.
 */
export function stemWord (word: string, lang: Language): string {
  const lower = word.toLocaleLowerCase(LOCALES[lang])
  let stem = STEMS[lang].get(lower)
  if (stem === undefined) {
    stem = foldTurkish(STEMMERS[lang].stem(lower) || lower)
    // The Turkish stemmer takes some 0.1 ms a word; the content has a few thousand distinct words.
    if (STEMS[lang].size < MAX_REMEMBERED_STEMS) STEMS[lang].set(lower, stem)
  }
  return stem
}

/** Characters the index tokenizer (unicode61) keeps in a token; everything else separates tokens. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu

/**
 * A text with every word replaced by its stem, and nothing else changed: one token for one, so positions in the stem
 * columns line up with the original text (snippets of a stem match are cut from the original).
 */
export function stemText (text: string, lang: Language): string {
  return text.replace(TOKEN, (word) => stemWord(word, lang))
}

/**
 * Words that carry no content in a question: they need not match. Compared as name keys (case, accents and Turkish i
 * folded); the Turkish question particle mı/mi/mu/mü comes with its personal and copular forms.
 */
const STOP_WORDS: Record<Language, readonly string[]> = {
  en: [
    'a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'about', 'as', 'into',
    'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'can', 'could', 'will', 'would',
    'should', 'may', 'might', 'must', 'shall', 'have', 'has', 'had', 'it', 'its', 'this', 'that', 'these', 'those',
    'there', 'what', 'which', 'who', 'whom', 'whose', 'how', 'when', 'where', 'i', 'me', 'my', 'we', 'our', 'you',
    'your', 'he', 'she', 'his', 'her', 'they', 'them', 'their', 'any', 'some', 'get', 'gets', 'got', 'much', 'many',
    'more', 'most', 'so', 'if', 'than', 'then', 'also', 'very', 'all', 'people', 'person', 'someone', 'anyone',
    'tell', 'know', 'please', 'us'
  ],
  tr: [
    'mi', 'mu', 'mü', 'misin', 'musun', 'müsün', 'miyim', 'muyum', 'müyüm', 'miyiz', 'muyuz', 'müyüz', 'misiniz',
    'musunuz', 'müsünüz', 'midir', 'mudur', 'müdür', 'miler', 'mular', 'müler', 'midirler', 'mudurlar', 'müdürler',
    'mişti', 'muydu', 'müydü', 'miydi', 'miymiş', 'muymuş', 'müymüş', 'mia', 've', 'ile', 'veya', 'ya', 'da', 'de',
    'ki', 'bir', 'bu', 'şu', 'o', 'ne', 'nedir', 'nelerdir', 'neler', 'nasil', 'nasildir', 'hangi', 'hangisi', 'kim',
    'kimler', 'kimde', 'kimlerde', 'var', 'varmi', 'yok', 'icin', 'için', 'gibi', 'kadar', 'daha', 'en', 'çok', 'cok',
    'her', 'hiç', 'hic', 'olan', 'olarak', 'olur', 'olursa', 'oluyor', 'midir', 'mıdır', 'ama', 'fakat', 'ise', 'eğer',
    'edilir', 'ediliyor', 'edilebilir', 'edilen', 'eder', 'olabilir', 'olmak', 'yapılır', 'yapilir', 'bana', 'ben', 'benim', 'sen', 'biz', 'siz', 'onlar', 'şey', 'sey', 'acaba', 'lütfen', 'lutfen'
  ]
}
const STOP = new Set([...STOP_WORDS.en, ...STOP_WORDS.tr].map((word) => nameKey(word)))
const TURKISH_STOP = new Set(STOP_WORDS.tr.map((word) => nameKey(word)))

/** Whether a word is a stop word, and which language's list holds it (evidence of the query's language). */
export function stopWordLanguage (word: string): Language | undefined {
  const key = nameKey(word)
  if (!STOP.has(key)) return undefined
  return TURKISH_STOP.has(key) ? 'tr' : 'en'
}

/**
 * Lay words and phrases readers type, mapped to the words the content uses for the same thing. Keys are lower-case
 * and folded; a key of several words is matched on consecutive query words. Each value is searched as an alternative
 * to the word (or the phrase), never instead of it.
 */
export const LAY_WORDS: Record<string, readonly string[]> = {
  'life expectancy': ['survival'],
  lifespan: ['survival'],
  'how long': ['survival'],
  prognosis: ['survival'],
  expectancy: ['survival'],
  'early signs': ['early symptoms', 'first symptoms'],
  'first signs': ['early symptoms', 'first symptoms'],
  'first symptoms': ['early symptoms', 'first symptoms'],
  'does it work': ['evidence'],
  'işe yarıyor': ['kanıt'],
  'işe yarar': ['kanıt'],
  'işe yaramaz': ['kanıt'],
  signs: ['symptoms'],
  sign: ['symptoms'],
  warning: ['symptoms'],
  cure: ['treatment', 'treated'],
  cures: ['treatment', 'treated'],
  curable: ['treatment', 'treated'],
  medicine: ['drugs'],
  medication: ['drugs'],
  medications: ['drugs'],
  hereditary: ['inherited'],
  genetic: ['genetics'],
  contagious: ['contagious', 'infectious'],
  catching: ['contagious'],
  twitching: ['fasciculations'],
  twitches: ['fasciculations'],
  'yaşam süresi': ['sağkalım'],
  'ne kadar yaşanır': ['sağkalım'],
  ömür: ['sağkalım'],
  ömrü: ['sağkalım'],
  'yaşam beklentisi': ['sağkalım'],
  semptom: ['belirti'],
  semptomlar: ['belirti'],
  semptomları: ['belirti'],
  'ilk belirtileri': ['erken belirtiler', 'ilk belirtileri'],
  'erken belirtileri': ['erken belirtiler'],
  işaret: ['belirti'],
  işaretleri: ['belirti'],
  tedavisi: ['tedavi'],
  tedavileri: ['tedavi'],
  tedavisinde: ['tedavi'],
  çare: ['tedavi'],
  çaresi: ['tedavi'],
  ilacı: ['ilaç'],
  irsi: ['kalıtsal'],
  bulaşır: ['bulaşıcı'],
  seğirme: ['seğirme', 'fasikülasyon'],
  titreme: ['seğirme'],
  nedeni: ['neden', 'risk'],
  sebebi: ['neden', 'risk'],
  teşhis: ['tanı'],
  teşhisi: ['tanı']
}
const LAY = new Map(Object.entries(LAY_WORDS).map(([key, values]) => [nameKey(key), [...values]]))
const LONGEST_LAY_PHRASE = Math.max(...[...LAY.keys()].map((key) => key.split(' ').length))

/**
 * The query's words as groups of alternatives: each word (or lay phrase) with what the content calls it. A lay phrase
 * of several words becomes one group, so it counts as one word matched.
 */
function layGroups (tokens: readonly string[]): string[][] {
  const groups: string[][] = []
  for (let index = 0; index < tokens.length;) {
    let size = Math.min(LONGEST_LAY_PHRASE, tokens.length - index)
    for (; size > 1; size--) {
      const phrase = LAY.get(nameKey(tokens.slice(index, index + size).join(' ')))
      if (phrase !== undefined) { groups.push([tokens.slice(index, index + size).join(' '), ...phrase]); break }
    }
    if (size <= 1) groups.push([tokens[index] as string, ...(LAY.get(nameKey(tokens[index] as string)) ?? [])])
    index += Math.max(size, 1)
  }
  return groups
}

/**
 * The groups that must match: one per word or lay phrase of the query, each with its alternatives, without the stop
 * words (unless the query is nothing but stop words).
 */
export function wordGroups (tokens: readonly string[]): string[][] {
  const groups = layGroups(tokens)
  const kept = groups.filter((group) => group.length > 1 || stopWordLanguage(group[0] as string) === undefined)
  return kept.length > 0 ? kept : groups
}

/** The disease's own names: every document is about it, so a name holding every other word of the query is enough. */
const DISEASE_WORDS = new Set(['als', 'mnd', 'mnh', 'amyotrophic', 'amiyotrofik', 'lateral', 'sclerosis', 'skleroz'])
export const isDiseaseWord = (word: string): boolean => DISEASE_WORDS.has(nameKey(word))
