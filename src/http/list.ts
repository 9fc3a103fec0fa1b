/** The list envelope every list endpoint shares: pagination, `next` link, and `fields=` to pick fields. */
import Type from 'typebox'
import type { FastifyRequest } from 'fastify'
import { invalidParameter } from './problem.ts'

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100

export const PaginationQuery = {
  limit: Type.Integer({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT, description: `Items per page (1–${MAX_LIMIT}).`, examples: [20] }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'How many items to skip.', examples: [0] })
}

/** `fields=` of a list, with an example that is real for that list's items. */
export function fieldsQuery (example: string) {
  return Type.String({
    pattern: '^[A-Za-z]+(?:,[A-Za-z]+)*$',
    maxLength: 500,
    description: 'Comma-separated fields to return in each item (`id` always comes). Unknown fields are a 400 that lists the known ones.',
    examples: [example]
  })
}

/** `fields=` for a list whose items have an `id`. */
export const FieldsQuery = fieldsQuery('id')

export interface Page { limit: number, offset: number }

/**
 * The page a request asks for. AJV's type coercion turns a string such as `1e309` into Infinity and lets it through
 * the integer bounds, so a non-finite value is refused here, with the same problem as any other bad parameter.
 */
export function pageOf (query: Page): Page {
  for (const name of ['limit', 'offset'] as const) {
    if (!Number.isFinite(query[name])) throw invalidParameter(name, 'query', name === 'limit' ? `must be an integer from 1 to ${MAX_LIMIT}` : 'must be an integer from 0 to 1000000')
  }
  return { limit: query.limit, offset: query.offset }
}

/** The URL of the next page, with every other parameter of the request kept; null on the last page. */
export function nextLink (request: FastifyRequest, baseUrl: string, { limit, offset }: Page, total: number): string | null {
  if (offset + limit >= total) return null
  const [path, search] = request.url.split('?') as [string, string | undefined]
  const params = new URLSearchParams(search)
  params.set('limit', String(limit))
  params.set('offset', String(offset + limit))
  return `${baseUrl}${path}?${params.toString()}`
}

/** Keeps only the fields asked for (and `id`); a 400 listing the known fields when one is unknown. */
export function pickFields<T extends Record<string, unknown>> (items: readonly T[], fields: string | undefined, known: readonly string[]): Array<Partial<T>> {
  if (fields === undefined) return [...items]
  const wanted = [...new Set([...(known.includes('id') ? ['id'] : []), ...fields.split(',')])]
  const unknown = wanted.filter((field) => !known.includes(field))
  if (unknown.length > 0) throw invalidParameter('fields', 'query', `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`, known)
  return items.map((item) => Object.fromEntries(wanted.filter((field) => Object.hasOwn(item, field)).map((field) => [field, item[field]])) as Partial<T>)
}
