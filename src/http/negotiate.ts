/** Content negotiation: media type by `Accept`, language by `?lang=` then `Accept-Language`. */
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../schemas/common.ts'
import { HttpProblem } from './problem.ts'

interface Range { value: string, q: number, order: number }

function parseQuality (params: string[]): number {
  for (const param of params) {
    const [key, raw] = param.split('=').map((part) => part.trim())
    if (key?.toLowerCase() === 'q') {
      // RFC 9110 qvalue: 0 to 1 with up to three decimals; anything else makes the range unusable.
      if (raw === undefined || !/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(raw)) return -1
      return Number(raw)
    }
  }
  return 1
}

function parseRanges (header: string, max = 32, keepZero = false): Range[] {
  const ranges: Range[] = []
  for (const [order, part] of header.split(',').slice(0, max).entries()) {
    const [value, ...params] = part.split(';')
    const trimmed = value?.trim().toLowerCase() ?? ''
    if (trimmed === '') continue
    const q = parseQuality(params)
    if (q > 0 || (keepZero && q === 0)) ranges.push({ value: trimmed, q, order })
  }
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order)
}

function mediaMatches (range: string, offered: string): number {
  if (range === offered) return 3
  const [type, subtype] = range.split('/')
  const [offeredType] = offered.split('/')
  if (type === '*' && subtype === '*') return 1
  if (subtype === '*' && type === offeredType) return 2
  return 0
}

/**
 * The offered media type the client prefers, or undefined when none is acceptable. Each offered type takes the
 * quality of the most specific range that matches it (so `application/json;q=0` excludes JSON even with a `*\/*`).
 */
export function chooseMediaType (accept: string | undefined, offered: readonly string[]): string | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0]
  const ranges = parseRanges(accept, 32, true)
  let best: { type: string, q: number } | undefined
  for (const type of offered) {
    let match: { q: number, specificity: number } | undefined
    for (const range of ranges) {
      const specificity = mediaMatches(range.value, type)
      if (specificity > 0 && (match === undefined || specificity > match.specificity)) match = { q: range.q, specificity }
    }
    if (match !== undefined && match.q > 0 && (best === undefined || match.q > best.q)) best = { type, q: match.q }
  }
  return best?.type
}

export function negotiateMediaType (accept: string | undefined, offered: readonly string[]): string {
  const chosen = chooseMediaType(accept, offered)
  if (chosen === undefined) {
    throw new HttpProblem(406, 'not-acceptable', `This resource is available as ${offered.join(', ')}; the request accepts none of them.`, { allowed: [...offered] })
  }
  return chosen
}

/** A language tag as people write it: `tr`, `TR`, `tr-TR`, `tr_TR`, `en-GB`. */
const LANGUAGE_TAG = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i

/**
 * The one language normaliser: the language a tag names, in any case and with any region (`TR`, `tr-TR`, `tr_TR` are
 * `tr`), or undefined when the API does not speak it. Used for `?lang=` on every route (plugins/query.ts), for
 * `Accept-Language`, and for the `lang` of a URL given to oEmbed.
 */
export function normalizeLanguage (tag: string): Language | undefined {
  const primary = LANGUAGE_TAG.exec(tag)?.[1]?.toLowerCase()
  return primary !== undefined && (LANGUAGES as readonly string[]).includes(primary) ? primary as Language : undefined
}

/** `?lang=` (already validated) wins; then the best `Accept-Language` match; then English. */
export function chooseLanguage (query: Language | undefined, acceptLanguage: string | undefined): Language {
  if (query !== undefined) return query
  if (acceptLanguage === undefined || acceptLanguage === '') return DEFAULT_LANGUAGE
  for (const range of parseRanges(acceptLanguage)) {
    if (range.value === '*') return DEFAULT_LANGUAGE
    const language = normalizeLanguage(range.value)
    if (language !== undefined) return language
  }
  return DEFAULT_LANGUAGE
}

export type ContentCoding = 'br' | 'gzip' | 'identity'

/**
 * The content coding to answer with, by `Accept-Encoding` (RFC 9110 §12.5.3): br before gzip at equal quality,
 * identity when neither is acceptable. `*` stands for any coding not named; `q=0` refuses one.
 */
export function chooseEncoding (acceptEncoding: string | undefined): ContentCoding {
  if (acceptEncoding === undefined || acceptEncoding.trim() === '') return 'identity'
  const ranges = parseRanges(acceptEncoding, 32, true)
  const quality = (coding: string): number => ranges.find((range) => range.value === coding)?.q ?? ranges.find((range) => range.value === '*')?.q ?? 0
  const br = quality('br')
  const gzip = quality('gzip')
  if (br > 0 && br >= gzip) return 'br'
  if (gzip > 0) return 'gzip'
  return 'identity'
}
