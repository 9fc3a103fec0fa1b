/**
 * The questions people ask: GET /v1/questions (JSON list, or one schema.org FAQPage as JSON-LD),
 * GET /v1/questions/{id} (the answer with its statements and their references resolved), and the embed page of a
 * topic's questions, GET /embed/topics/{topic}/questions.
 */
import Type from 'typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { StringEnum, type Language } from '../../schemas/common.ts'
import { TOPIC_IDS, type TopicId } from '../../schemas/topics/index.ts'
import { Language as LanguageSchema, ref } from '../../schemas/api.ts'
import { FaqJsonLd, QuestionDetail, QuestionList, QuestionSummary } from '../../schemas/questions.ts'
import { memo } from '../db/memo.ts'
import { prepare, prepareText, type Prepared } from '../db/store.ts'
import type { Item } from '../db/entities.ts'
import { FieldsQuery, PaginationQuery, nextLink, pageOf, pickFields } from '../http/list.ts'
import { chooseLanguage, negotiateMediaType } from '../http/negotiate.ts'
import { HttpProblem } from '../http/problem.ts'
import { HTML_TYPE, sendPrepared } from '../http/send.ts'
import { EMBED_CSP, THEMES, type Theme } from '../render/html.ts'
import { RESIZE_SCRIPT_PATH } from '../render/embeds.ts'
import { faqJsonLd, faqName, renderQuestionsPage, type FaqSet } from '../render/faq.ts'
import { createLru } from '../search/cache.ts'
import { problemResponses } from './topics.ts'
import { LIST_CACHE_SIZE } from './entities.ts'

const JSON_TYPE = 'application/json; charset=utf-8'
const JSONLD_TYPE = 'application/ld+json; charset=utf-8'
const LIST_OFFERED = ['application/json', 'application/ld+json'] as const
const VARY = 'Accept, Accept-Language'

const TopicFilter = StringEnum(TOPIC_IDS, { description: 'Only the questions of this topic.', examples: ['genetics'] })

const ListQuery = Type.Object({
  lang: Type.Optional(LanguageSchema),
  topic: Type.Optional(TopicFilter),
  ...PaginationQuery,
  fields: Type.Optional(FieldsQuery)
})

const ThemeSchema = Type.Unsafe<Theme>({ type: 'string', enum: [...THEMES], default: 'light', description: 'Colour theme of the page: `light` (default) or `dark`.', examples: ['dark'] })

export interface QuestionRoutesOptions { baseUrl: string }

export default async function questionRoutes (app: FastifyInstance, { baseUrl }: QuestionRoutesOptions): Promise<void> {
  const content = app.content
  const known = Object.keys(QuestionSummary.properties)

  /** The questions of a topic (or all), as details with their citations resolved. */
  const setOf = (lang: Language, topic: TopicId | undefined): FaqSet => {
    const items = content.questions.list(lang).filter((item) => topic === undefined || (item.topics as string[]).includes(topic))
    const query = topic === undefined ? '' : `&topic=${topic}`
    return {
      url: `${baseUrl}/v1/questions?lang=${lang}${query}`,
      name: faqName(lang, topic === undefined ? undefined : content.topic(topic, lang).title),
      lang,
      condition: (content.topic('definition', lang).data as { preferredName: string }).preferredName,
      questions: items.map((item) => content.questions.get(item.id, lang) as Item),
      provenance: content.provenance(lang)
    }
  }
  // Keys are a language and a topic id (or none), validated by the routes' schemas: bounded by the content.
  const jsonLd = memo((key: string): Prepared => {
    const [lang, topic] = key.split(':') as [Language, TopicId | '']
    return prepare(faqJsonLd(setOf(lang, topic === '' ? undefined : topic)))
  })
  const page = memo((key: string): Prepared => {
    const [lang, topic, theme] = key.split(':') as [Language, TopicId, Theme]
    return prepareText(renderQuestionsPage(setOf(lang, topic), {
      theme,
      sourceUrl: `${baseUrl}/v1/topics/${topic}?lang=${lang}`,
      resizeScriptUrl: RESIZE_SCRIPT_PATH
    }))
  })

  /** A list page is a pure function of the release, the language and the URL: prepared once, kept in an LRU. */
  const pages = createLru<Prepared>(LIST_CACHE_SIZE)
  const sendList = (request: FastifyRequest, reply: FastifyReply, lang: Language, topic: TopicId | undefined) => {
    const key = `${lang}\n${request.url}`
    let prepared = pages.get(key)
    if (prepared === undefined) {
      const query = request.query as { limit: number, offset: number, fields?: string }
      const paging = pageOf(query)
      const items = content.questions.list(lang).filter((item) => topic === undefined || (item.topics as string[]).includes(topic))
      const picked = pickFields(items.slice(paging.offset, paging.offset + paging.limit), query.fields, known)
      prepared = prepare({
        lang, items: picked, total: items.length, ...paging, next: nextLink(request, baseUrl, paging, items.length), provenance: content.provenance(lang)
      })
      pages.set(key, prepared)
    }
    return sendPrepared(request, reply, prepared, { contentType: JSON_TYPE, lang, vary: VARY })
  }

  app.get('/v1/questions', {
    schema: {
      operationId: 'listQuestions',
      tags: ['questions'],
      summary: 'List the questions people ask',
      description: 'Questions patients, carers and students ask about ALS, each with a short answer (2–4 sentences) ' +
        'that says only what its supporting statements say, the ids of those statements and its topics; filtered by ' +
        '`topic`, paginated (`limit`, `offset`), with `fields=` to pick fields. With `Accept: application/ld+json` the ' +
        'whole set (or the topic\'s questions) is one schema.org FAQPage, each Question with its acceptedAnswer and ' +
        'citations; `limit`, `offset` and `fields` apply to JSON only.',
      querystring: ListQuery,
      response: {
        200: {
          description: 'A page of questions (JSON), or the questions as a schema.org FAQPage (JSON-LD).',
          content: {
            'application/json': { schema: ref(QuestionList) },
            'application/ld+json': { schema: ref(FaqJsonLd) }
          }
        },
        400: problemResponses[400],
        406: problemResponses[406]
      }
    }
  }, async (request, reply) => {
    const mediaType = negotiateMediaType(request.headers.accept, LIST_OFFERED)
    const query = request.query as { lang?: Language, topic?: TopicId }
    const lang = chooseLanguage(query.lang, request.headers['accept-language'])
    if (mediaType === 'application/ld+json') return sendPrepared(request, reply, jsonLd(`${lang}:${query.topic ?? ''}`), { contentType: JSONLD_TYPE, lang, vary: VARY })
    return sendList(request, reply, lang, query.topic)
  })

  const details = new Map<string, Prepared>()
  app.get('/v1/questions/:id', {
    schema: {
      operationId: 'getQuestion',
      tags: ['questions'],
      summary: 'Get one question with its answer and citations',
      description: 'One question: its short answer, other phrasings, topics (with links), the statements the answer ' +
        'rests on, and their references resolved and numbered (formatted citation, DOI, PubMed and URL links).',
      params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'Question id.', examples: ['is-als-contagious'] }) }),
      querystring: Type.Object({ lang: Type.Optional(LanguageSchema) }),
      response: { 200: { ...ref(QuestionDetail), description: 'The question.' }, ...problemResponses }
    }
  }, async (request, reply) => {
    negotiateMediaType(request.headers.accept, ['application/json'])
    const { id } = request.params as { id: string }
    const lang = chooseLanguage((request.query as { lang?: Language }).lang, request.headers['accept-language'])
    const item = content.questions.get(id, lang)
    if (item === undefined) throw new HttpProblem(404, 'not-found', `There is no question "${id}".`, { allowed: content.questions.list(lang).map((entry) => entry.id) })
    // Keys are ids that exist: the kept bodies are bounded by the content.
    const key = `${lang}:${id}`
    let prepared = details.get(key)
    if (prepared === undefined) details.set(key, prepared = prepare({ ...item, provenance: content.provenance(lang, String(item.lastReviewed)) }))
    return sendPrepared(request, reply, prepared, { contentType: JSON_TYPE, lang, vary: VARY })
  })

  app.get('/embed/topics/:topic/questions', {
    schema: {
      operationId: 'getTopicQuestionsEmbed',
      tags: ['embed', 'questions'],
      summary: 'A topic\'s questions as an embeddable HTML page',
      description: 'A self-contained, accessible HTML page of the questions of a topic: each question a `<details>` ' +
        'element whose `<summary>` is the question, its answer with numbered citations linked to the reference list, ' +
        'licence, attribution and a short medical disclaimer. Inline CSS, no JavaScript needed to read it, the same ' +
        'strict CSP as the topic embed pages, framable from any origin. It carries the questions as a schema.org ' +
        'FAQPage in JSON-LD.',
      params: Type.Object({ topic: Type.String({ minLength: 1, maxLength: 200, description: 'Topic id (a topic that has questions).', examples: ['genetics'] }) }),
      querystring: Type.Object({ lang: Type.Optional(LanguageSchema), theme: Type.Optional(ThemeSchema) }),
      response: {
        200: { description: 'The embed page.', content: { 'text/html': { schema: Type.String() } } },
        400: problemResponses[400],
        404: problemResponses[404]
      }
    }
  }, async (request, reply) => {
    const { topic } = request.params as { topic: string }
    const query = request.query as { lang?: Language, theme?: Theme }
    if (!(content.questions.topics as readonly string[]).includes(topic)) {
      throw new HttpProblem(404, 'not-found', `There are no questions for topic "${topic}".`, { allowed: [...content.questions.topics] })
    }
    const lang = chooseLanguage(query.lang, request.headers['accept-language'])
    reply
      .header('content-security-policy', EMBED_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'strict-origin-when-cross-origin')
    return sendPrepared(request, reply, page(`${lang}:${topic}:${query.theme ?? 'light'}`), { contentType: HTML_TYPE, lang, vary: 'Accept-Language' })
  })
}
