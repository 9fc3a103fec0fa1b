/** GET /v1/search: full-text search over every statement, section, entity name, synonym and reference title. */
import Type from 'typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { createLru } from '../search/cache.ts'
import { DEFAULT_LANGUAGE, StringEnum, type Language } from '../../schemas/common.ts'
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
    description: 'What to search for, as words or as a question. Stop words ("is", "the", "mı") need not match; every other ' +
      'word matches as the start of a word (so results come as you type), through its stem (`belirtileri` finds ' +
      '`belirti`) or through the word the content uses (`life expectancy` finds survival). When no item holds every word, ' +
      'the items holding the most come first; a word the content does not hold is corrected (`rilusol` → `riluzol`). ' +
      'Case, accents and the Turkish dotted/dotless i do not matter. Punctuation and operators are ignored.',
    examples: ['ALS tedavisi var mı']
  }),
  lang: Type.Optional(LanguageSchema),
  topic: Type.Optional(StringEnum(TOPIC_IDS, { description: 'Only results from this topic.', examples: ['treatments'] })),
  kind: Type.Optional(StringEnum(SEARCH_KINDS, { description: 'Only results of this kind.', examples: ['treatment'] })),
  ...PaginationQuery
})

export interface SearchRoutesOptions { baseUrl: string }

const otherLanguage = (lang: Language): Language => lang === 'en' ? 'tr' : 'en'

/** This search in another language, from its first page. */
function languageLink (request: FastifyRequest, baseUrl: string, lang: Language): string {
  const [path, search] = request.url.split('?') as [string, string | undefined]
  const params = new URLSearchParams(search)
  params.set('lang', lang)
  params.delete('offset')
  return `${baseUrl}${path}?${params.toString()}`
}

/** Distinct searches kept, prepared: a few MB at most. */
export const SEARCH_CACHE_SIZE = 1000

export default async function searchRoutes (app: FastifyInstance, { baseUrl }: SearchRoutesOptions): Promise<void> {
  const results = createLru<{ prepared: Prepared, lang: Language }>(SEARCH_CACHE_SIZE)
  const options = { contentType: 'application/json; charset=utf-8', vary: 'Accept, Accept-Language' }
  app.get('/v1/search', {
    schema: {
      operationId: 'search',
      tags: ['search'],
      summary: 'Search the content',
      description: 'Full-text search (SQLite FTS5, bm25) over every statement, section, topic, symptom, gene, treatment, ' +
        'statistic, synonym and reference title, in the response language. Names and titles rank above body text, words ' +
        'as typed above their stems. Each result has its kind, id, topic, title, a snippet with the matches in `<mark>`, ' +
        'a score and a link. The language is `lang`, else `Accept-Language`, else the language whose content knows the ' +
        'words of the query (`langSource` says which); `otherLanguage` tells when only the other language has results.',
      querystring: SearchQuery,
      response: { 200: { ...ref(SearchResults), description: 'Results, best first.' }, 400: problemResponses[400], 406: problemResponses[406] }
    }
  }, async (request, reply) => {
    negotiateMediaType(request.headers.accept, ['application/json'])
    const query = request.query as { q: string, lang?: Language, topic?: string, kind?: string, limit: number, offset: number }
    const header = request.headers['accept-language']
    const explicit = query.lang !== undefined || (header !== undefined && header.trim() !== '')
    // Without `lang` or `Accept-Language`, the language follows the words, so the cache key is the URL alone.
    const key = `${explicit ? chooseLanguage(query.lang, header) : 'auto'} ${request.url}`
    const cached = results.get(key)
    if (cached !== undefined) return sendPrepared(request, reply, cached.prepared, { ...options, lang: cached.lang })
    if (queryTokens(query.q).length === 0) throw invalidParameter('q', 'query', 'must contain at least one letter or digit')
    const { searcher } = app.content
    const detected = explicit ? undefined : searcher.detectLanguage(query.q)
    const lang = explicit ? chooseLanguage(query.lang, header) : detected ?? DEFAULT_LANGUAGE
    const langSource = query.lang !== undefined ? 'query' : explicit ? 'accept-language' : detected !== undefined ? 'detected' : 'default'
    const page = pageOf(query)
    const filters = { topic: query.topic, kind: query.kind }
    const result = searcher.search(query.q, { lang, ...filters, ...page })
    const other = otherLanguage(lang)
    const inOther = result.total === 0 ? searcher.search(query.q, { lang: other, ...filters, limit: 1, offset: 0 }).total : 0
    const body = {
      lang,
      langSource,
      query: result.tokens.join(' '),
      match: result.match,
      ...(result.corrected === undefined ? {} : { correctedQuery: result.corrected }),
      ...(result.suggestions === undefined ? {} : { suggestions: result.suggestions }),
      ...(inOther === 0 ? {} : { otherLanguage: { lang: other, total: inOther, link: languageLink(request, baseUrl, other) } }),
      items: result.rows.map((row) => ({ ...row, link: app.content.entities.linkFor(row.kind, row.id, row.topic) })),
      total: result.total,
      ...page,
      next: nextLink(request, baseUrl, page, result.total),
      provenance: app.content.provenance(lang)
    }
    const prepared = prepare(body)
    results.set(key, { prepared, lang })
    return sendPrepared(request, reply, prepared, { ...options, lang })
  })
}
