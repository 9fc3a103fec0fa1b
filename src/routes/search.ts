/** GET /v1/search: full-text search over every statement, section, entity name, synonym and reference title. */
import Type from 'typebox'
import type { FastifyInstance } from 'fastify'
import { createLru } from '../search/cache.ts'
import { StringEnum, type Language } from '../../schemas/common.ts'
import { TOPIC_IDS } from '../../schemas/topics/index.ts'
import { Language as LanguageSchema, ref } from '../../schemas/api.ts'
import { SEARCH_KINDS, SearchResults } from '../../schemas/entities.ts'
import { prepare, type Prepared } from '../db/store.ts'
import { chooseLanguage, negotiateMediaType } from '../http/negotiate.ts'
import { PaginationQuery, nextLink, pageOf } from '../http/list.ts'
import { invalidParameter } from '../http/problem.ts'
import { sendPrepared } from '../http/send.ts'
import { queryTokens } from '../search/fold.ts'
import { problemResponses } from './topics.ts'

export const MAX_QUERY_LENGTH = 200

const SearchQuery = Type.Object({
  q: Type.String({
    minLength: 1,
    maxLength: MAX_QUERY_LENGTH,
    description: 'What to search for. Every word must match, each as the start of a word (so results come as you type); ' +
      'case, accents and the Turkish dotted/dotless i do not matter. Punctuation and operators are ignored.',
    examples: ['riluzol']
  }),
  lang: Type.Optional(LanguageSchema),
  topic: Type.Optional(StringEnum(TOPIC_IDS, { description: 'Only results from this topic.', examples: ['treatments'] })),
  kind: Type.Optional(StringEnum(SEARCH_KINDS, { description: 'Only results of this kind.', examples: ['treatment'] })),
  ...PaginationQuery
})

export interface SearchRoutesOptions { baseUrl: string }

/** Distinct searches kept, prepared: a few MB at most. */
export const SEARCH_CACHE_SIZE = 1000

export default async function searchRoutes (app: FastifyInstance, { baseUrl }: SearchRoutesOptions): Promise<void> {
  const results = createLru<Prepared>(SEARCH_CACHE_SIZE)
  app.get('/v1/search', {
    schema: {
      operationId: 'search',
      tags: ['search'],
      summary: 'Search the content',
      description: 'Full-text search (SQLite FTS5, bm25) over every statement, section, topic, symptom, gene, treatment, ' +
        'statistic, synonym and reference title, in the response language. Names and titles rank above body text. ' +
        'Each result has its kind, id, topic, title, a snippet with the matches in `<mark>`, a score and a link.',
      querystring: SearchQuery,
      response: { 200: { ...ref(SearchResults), description: 'Results, best first.' }, 400: problemResponses[400], 406: problemResponses[406] }
    }
  }, async (request, reply) => {
    negotiateMediaType(request.headers.accept, ['application/json'])
    const query = request.query as { q: string, lang?: Language, topic?: string, kind?: string, limit: number, offset: number }
    const lang = chooseLanguage(query.lang, request.headers['accept-language'])
    const options = { contentType: 'application/json; charset=utf-8', lang, vary: 'Accept, Accept-Language' }
    const key = `${lang} ${request.url}`
    const cached = results.get(key)
    if (cached !== undefined) return sendPrepared(request, reply, cached, options)
    if (queryTokens(query.q).length === 0) throw invalidParameter('q', 'query', 'must contain at least one letter or digit')
    const page = pageOf(query)
    const result = app.content.searcher.search(query.q, { lang, topic: query.topic, kind: query.kind, ...page })
    const body = {
      lang,
      query: result.tokens.join(' '),
      items: result.rows.map((row) => ({ ...row, link: app.content.entities.linkFor(row.kind, row.id, row.topic) })),
      total: result.total,
      ...page,
      next: nextLink(request, baseUrl, page, result.total),
      provenance: app.content.provenance(lang)
    }
    const prepared = prepare(body)
    results.set(key, prepared)
    return sendPrepared(request, reply, prepared, options)
  })
}
