import type { Language } from '../../schemas/common.ts'

/** The type of a content value once every `{ en, tr }` text in it is replaced by the string of one language. */
export type Localized<T> = T extends { en: string, tr: string }
  ? string
  : T extends Array<infer U> ? Array<Localized<U>> : T extends object ? { [K in keyof T]: Localized<T[K]> } : T

function isLocalizedText (value: object): value is Record<Language, string> {
  const keys = Object.keys(value)
  return keys.length === 2 && typeof (value as Record<string, unknown>).en === 'string' && typeof (value as Record<string, unknown>).tr === 'string'
}

/** Replaces every `{ en, tr }` text in a content value by its text in `lang`. */
export function localize<T> (value: T, lang: Language): Localized<T> {
  if (Array.isArray(value)) return value.map((item) => localize(item, lang)) as Localized<T>
  if (value === null || typeof value !== 'object') return value as Localized<T>
  if (isLocalizedText(value)) return value[lang] as Localized<T>
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) out[key] = localize(child, lang)
  return out as Localized<T>
}
