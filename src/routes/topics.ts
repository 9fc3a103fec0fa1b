import Type from 'typebox'
import type { FastifyInstance } from 'fastify'
import { SLUG_PATTERN } from '../../schemas/common.ts'
import { TOPIC_IDS, type TopicId } from '../../schemas/topics/index.ts'
import { JsonLd, Language, Problem, TopicList, TopicResponses, ref, topicSchemaId } from '../../schemas/api.ts'
import { chooseLanguage, negotiateMediaType } from '../http/negotiate.ts'
import { HttpProblem, invalidParameter } from '../http/problem.ts'
import { prepare } from '../db/store.ts'
import { sendEmbedPage, sendPrepared } from '../http/send.ts'

const SLUG = SLUG_PATTERN.slice(1, -1)
const JSON_TYPE = 'application/json; charset=utf-8'
const OFFERED = ['application/json'] as const
const JSONLD_TYPE = 'application/ld+json; charset=utf-8'
/** One topic: JSON first (the default for `*\/*`), then schema.org JSON-LD, then the HTML embed page. */
const TOPIC_OFFERED = ['application/json', 'application/ld+json', 'text/html'] as const

export const LangQuery = Type.Object({
  lang: Type.Optional(Language)
})

export const TopicParams = Type.Object({
  topic: Type.String({ minLength: 1, maxLength: 200, description: `Topic id: ${TOPIC_IDS.join(', ')}.`, examples: ['symptoms'] })
})

export const SectionsQuery = Type.String({
  pattern: `^${SLUG}(?:,${SLUG})*$`,
  maxLength: 1000,
  description: 'Comma-separated section ids: only these sections are returned (the structured `data` and references stay whole).',
  examples: ['overview,history']
})

const TopicQuery = Type.Object({
  lang: Type.Optional(Language),
  sections: Type.Optional(SectionsQuery)
})

/** A problem+json response, documented under its own media type. */
export function problemResponse (description: string) {
  return { description, content: { 'application/problem+json': { schema: ref(Problem) } } }
}

export const problemResponses = {
  400: problemResponse('A parameter is invalid: `invalidParams` names it and says why.'),
  404: problemResponse('Not found: `allowed` lists what exists.'),
  406: problemResponse('None of the accepted media types can be produced: `allowed` lists those that can.')
}

export default async function topicRoutes (app: FastifyInstance): Promise<void> {
  app.get('/v1/topics', {
    schema: {
      operationId: 'listTopics',
      tags: ['topics'],
      summary: 'List the topics',
      description: `The topics in reading order (${TOPIC_IDS.join(', ')}), with title, summary, last review date and links, in one language.`,
      querystring: LangQuery,
      response: {
        200: { ...ref(TopicList), description: 'The topics.' },
        400: problemResponses[400],
        406: problemResponses[406]
      }
    }
  }, async (request, reply) => {
    negotiateMediaType(request.headers.accept, OFFERED)
    const lang = chooseLanguage((request.query as { lang?: 'en' | 'tr' }).lang, request.headers['accept-language'])
    return sendPrepared(request, reply, app.content.topicListJson(lang), { contentType: JSON_TYPE, lang, vary: 'Accept, Accept-Language' })
  })

  app.get('/v1/topics/:topic', {
    schema: {
      operationId: 'getTopic',
      tags: ['topics'],
      summary: 'Get one topic, whole',
      description: 'A topic with its sections of cited statements, its structured data (symptoms, statistics, genes, ' +
        'criteria, treatments…), the references it cites (numbered, with formatted citations) and provenance. ' +
        '`?sections=` returns only the named sections. By `Accept`: `application/json` (default), ' +
        '`application/ld+json` (schema.org JSON-LD, whole topic) or `text/html` (the embed page).',
      params: TopicParams,
      querystring: TopicQuery,
      response: {
        200: {
          description: 'The topic. As JSON its shape depends on the topic (see the named schemas); as JSON-LD it is a ' +
            'schema.org MedicalWebPage; as HTML it is the embed page.',
          content: {
            'application/json': { schema: { oneOf: TOPIC_IDS.map((id) => Type.Ref(topicSchemaId(id))) } },
            'application/ld+json': { schema: ref(JsonLd) },
            'text/html': { schema: Type.String() }
          }
        },
        400: problemResponses[400],
        404: problemResponses[404],
        406: problemResponses[406]
      }
    }
  }, async (request, reply) => {
    const { topic } = request.params as { topic: string }
    const query = request.query as { lang?: 'en' | 'tr', sections?: string }
    if (!(TOPIC_IDS as readonly string[]).includes(topic)) {
      throw new HttpProblem(404, 'not-found', `There is no topic "${topic}". Topics: ${TOPIC_IDS.join(', ')}.`, { allowed: [...TOPIC_IDS] })
    }
    const mediaType = negotiateMediaType(request.headers.accept, TOPIC_OFFERED)
    const lang = chooseLanguage(query.lang, request.headers['accept-language'])
    const id = topic as TopicId
    const vary = 'Accept, Accept-Language'
    if (mediaType === 'application/ld+json') return sendPrepared(request, reply, app.embeds.jsonLd(id, lang), { contentType: JSONLD_TYPE, lang, vary })
    const html = mediaType === 'text/html'
    const options = { contentType: JSON_TYPE, lang, vary }
    if (query.sections === undefined) {
      if (html) return sendEmbedPage(request, reply, app.embeds.page(id, lang, 'light'), app.embeds.oembedUrl(app.embeds.pageUrl(id, lang, 'light')), lang, vary)
      return sendPrepared(request, reply, app.content.topicJson(id, lang), options)
    }

    const whole = app.content.topic(id, lang)
    const known = whole.sections.map((section) => section.id)
    const wanted = [...new Set(query.sections.split(','))]
    const unknown = wanted.filter((section) => !known.includes(section))
    if (unknown.length > 0) throw invalidParameter('sections', 'query', `unknown section${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in topic "${id}"`, known)
    const subset = { ...whole, sections: whole.sections.filter((section) => wanted.includes(section.id)) }
    if (html) return sendEmbedPage(request, reply, app.embeds.renderPage(subset, 'light'), app.embeds.oembedUrl(app.embeds.pageUrl(id, lang, 'light')), lang, vary)
    return sendPrepared(request, reply, prepare(subset), options)
  })
}

export { TopicResponses }
