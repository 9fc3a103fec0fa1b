import Type from 'typebox'

/** The languages every human-readable field is written in. English is the default. */
export const LANGUAGES = ['en', 'tr'] as const
export type Language = typeof LANGUAGES[number]
export const DEFAULT_LANGUAGE: Language = 'en'

/** Stable, human-readable, URL-safe id: `riluzole`, `incidence-europe`. */
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$'
export const Slug = Type.String({
  pattern: SLUG_PATTERN,
  minLength: 1,
  maxLength: 80,
  description: 'Stable, human-readable id (lowercase letters, digits and hyphens).',
  examples: ['riluzole']
})

/** A human-readable text in every language: how content files are written. */
export const LocalizedText = Type.Object({
  en: Type.String({ minLength: 1, description: 'English text.' }),
  tr: Type.String({ minLength: 1, description: 'Turkish text.' })
}, { additionalProperties: false, description: 'Text in English and Turkish.' })

/**
 * The content model is written once and used twice: with `LocalizedText` for the content files
 * and with a plain string for API responses, which carry one language. Builders take the text type.
 */
export const ResponseText = Type.String()

export const EVIDENCE_LEVELS = ['established', 'probable', 'investigational', 'not-supported'] as const
export const Evidence = StringEnum(EVIDENCE_LEVELS, {
  description: 'Strength of the evidence behind a claim: established (consistent high-quality evidence), probable ' +
    '(good but incomplete evidence), investigational (under study, not proven), not-supported (evidence against it, ' +
    'or none for it).'
})

export const Citations = Type.Array(Slug, {
  minItems: 1,
  uniqueItems: true,
  description: 'Ids of the references that support this item (see `references`).',
  examples: [['miller-2012-riluzole-cochrane']]
})

export const IsoDate = Type.String({
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Calendar date (ISO 8601).',
  examples: ['2026-11-25']
})

/** A number with its uncertainty: point value and optional range. */
export const Quantity = Type.Object({
  value: Type.Number({ description: 'Point estimate.' }),
  low: Type.Optional(Type.Number({ description: 'Lower bound of the range or confidence interval.' })),
  high: Type.Optional(Type.Number({ description: 'Upper bound of the range or confidence interval.' }))
}, { additionalProperties: false })

/** A string enum as plain JSON Schema (`type` + `enum`), which reads best in OpenAPI and Swagger UI. */
export function StringEnum<const T extends readonly string[]> (values: T, options: { description: string, examples?: unknown[] }) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}
