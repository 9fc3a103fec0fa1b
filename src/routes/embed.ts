/**
 * Embedding: the HTML embed page of a topic, the host-page script (/embed.js) and the embed pages' resize script,
 * and the oEmbed 1.0 provider (/oembed).
 */
import Type from 'typebox'
import type { FastifyInstance } from 'fastify'
import { type Language } from '../../schemas/common.ts'
import { TOPIC_IDS, type TopicId } from '../../schemas/topics/index.ts'
import { Language as LanguageSchema, OEmbed, ref } from '../../schemas/api.ts'
import { chooseLanguage } from '../http/negotiate.ts'
import { HttpProblem, invalidParameter } from '../http/problem.ts'
import { prepareText } from '../db/store.ts'
import { sendEmbedPage, sendPrepared } from '../http/send.ts'
import { escapeHtml, THEMES, type Theme } from '../render/html.ts'
import { RESIZE_SCRIPT_PATH } from '../render/embeds.ts'
import { EMBED_SCRIPT, RESIZE_SCRIPT } from '../render/scripts.ts'
import { problemResponse, problemResponses, TopicParams, SectionsQuery } from './topics.ts'

const JS_TYPE = 'text/javascript; charset=utf-8'

/** Default and largest size of the embed iframe an oEmbed response proposes. */
export const OEMBED_WIDTH = 640
export const OEMBED_HEIGHT = 900
const OEMBED_CACHE_AGE = 3600

const ThemeSchema = Type.Unsafe<Theme>({ type: 'string', enum: [...THEMES], default: 'light', description: 'Colour theme of the page: `light` (default) or `dark`.', examples: ['dark'] })

const EmbedQuery = Type.Object({
  lang: Type.Optional(LanguageSchema),
  sections: Type.Optional(SectionsQuery),
  theme: Type.Optional(ThemeSchema)
})

const OEmbedQuery = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2000, description: 'URL of a topic (`/v1/topics/{topic}`) or of its embed page (`/embed/topics/{topic}`) on this server.', examples: ['http://localhost:3000/embed/topics/symptoms?lang=tr'] }),
  maxwidth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'Largest width the consumer can show, in pixels.', examples: [480] })),
  maxheight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'Largest height the consumer can show, in pixels.', examples: [600] })),
  format: Type.Optional(Type.String({ maxLength: 20, description: 'Response format: only `json` is supported (others are answered with 501, as oEmbed requires).', examples: ['json'] }))
})

const htmlResponse = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } })
const scriptResponse = (description: string) => ({ description, content: { 'text/javascript': { schema: Type.String() } } })

/** The topic a URL of this server names (`/v1/topics/{id}` or `/embed/topics/{id}`), with its lang and theme. */
function parseTopicUrl (raw: string, baseUrl: string): { id: TopicId, lang?: Language, theme?: Theme } | undefined {
  let url: URL
  let base: URL
  try {
    url = new URL(raw)
    base = new URL(baseUrl)
  } catch {
    return undefined
  }
  if (url.origin !== base.origin) return undefined
  const match = /^\/(?:v1|embed)\/topics\/([a-z]+(?:-[a-z]+)*)\/?$/.exec(url.pathname)
  const id = match?.[1]
  if (id === undefined || !(TOPIC_IDS as readonly string[]).includes(id)) return undefined
  const lang = url.searchParams.get('lang')
  const theme = url.searchParams.get('theme')
  return {
    id: id as TopicId,
    ...(lang === 'en' || lang === 'tr' ? { lang } : {}),
    ...(theme === 'light' || theme === 'dark' ? { theme } : {})
  }
}

export interface EmbedRoutesOptions {
  baseUrl: string
}

export default async function embedRoutes (app: FastifyInstance, options: EmbedRoutesOptions): Promise<void> {
  app.get('/embed/topics/:topic', {
    schema: {
      operationId: 'getTopicEmbed',
      tags: ['embed'],
      summary: 'A topic as an embeddable HTML page',
      description: 'A self-contained, accessible HTML page of a topic: headings, statements with numbered citations ' +
        'linked to the reference list, last review date, licence, attribution with a link back, and a short medical ' +
        'disclaimer. Inline CSS, no JavaScript needed to read it, a strict CSP, framable from any origin. It carries ' +
        'the topic\'s schema.org JSON-LD and an oEmbed discovery link.',
      params: TopicParams,
      querystring: EmbedQuery,
      response: {
        200: htmlResponse('The embed page.'),
        400: problemResponses[400],
        404: problemResponses[404]
      }
    }
  }, async (request, reply) => {
    const { topic } = request.params as { topic: string }
    const query = request.query as { lang?: Language, sections?: string, theme?: Theme }
    if (!(TOPIC_IDS as readonly string[]).includes(topic)) {
      throw new HttpProblem(404, 'not-found', `There is no topic "${topic}". Topics: ${TOPIC_IDS.join(', ')}.`, { allowed: [...TOPIC_IDS] })
    }
    const id = topic as TopicId
    const lang = chooseLanguage(query.lang, request.headers['accept-language'])
    const theme = query.theme ?? 'light'
    const pageUrl = app.embeds.pageUrl(id, lang, theme)
    if (query.sections === undefined) return sendEmbedPage(request, reply, app.embeds.page(id, lang, theme), app.embeds.oembedUrl(pageUrl), lang, 'Accept-Language')
    const whole = app.content.topic(id, lang)
    const known = whole.sections.map((section) => section.id)
    const wanted = [...new Set(query.sections.split(','))]
    const unknown = wanted.filter((section) => !known.includes(section))
    if (unknown.length > 0) throw invalidParameter('sections', 'query', `unknown section${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in topic "${id}"`, known)
    const page = app.embeds.renderPage({ ...whole, sections: whole.sections.filter((section) => wanted.includes(section.id)) }, theme)
    return sendEmbedPage(request, reply, page, app.embeds.oembedUrl(pageUrl), lang, 'Accept-Language')
  })

  const embedScript = prepareText(EMBED_SCRIPT)
  const resizeScript = prepareText(RESIZE_SCRIPT)

  app.get('/embed.js', {
    schema: {
      operationId: 'getEmbedScript',
      tags: ['embed'],
      summary: 'The embed script for host pages',
      description: 'Include it once: `<script src="…/embed.js" async></script>`. Every `<div data-als-topic="symptoms" ' +
        'data-lang="tr">` (optional `data-theme`, `data-sections`, `data-title`) becomes an iframe of the embed page that ' +
        'resizes to its content. No globals, no cookies.',
      response: { 200: scriptResponse('The script.') }
    }
  }, async (request, reply) => sendPrepared(request, reply.header('x-content-type-options', 'nosniff'), embedScript, { contentType: JS_TYPE }))

  app.get(RESIZE_SCRIPT_PATH, {
    schema: {
      operationId: 'getEmbedResizeScript',
      tags: ['embed'],
      summary: 'The resize script of embed pages',
      description: 'Loaded by each embed page: posts its content height to the parent page, which embed.js uses to size the iframe.',
      response: { 200: scriptResponse('The script.') }
    }
  }, async (request, reply) => sendPrepared(request, reply.header('x-content-type-options', 'nosniff'), resizeScript, { contentType: JS_TYPE }))

  app.get('/oembed', {
    schema: {
      operationId: 'getOEmbed',
      tags: ['embed'],
      summary: 'oEmbed 1.0 provider',
      description: 'A `rich` oEmbed response for a topic URL or embed page URL of this server: an iframe of the embed ' +
        `page, at most ${OEMBED_WIDTH}×${OEMBED_HEIGHT} px and within \`maxwidth\`/\`maxheight\`. Unknown URLs are 404, ` +
        'formats other than `json` 501.',
      querystring: OEmbedQuery,
      response: {
        200: { ...ref(OEmbed), description: 'The oEmbed response.' },
        400: problemResponses[400],
        404: problemResponses[404],
        501: problemResponse('The requested `format` is not supported (only `json` is).')
      }
    }
  }, async (request, reply) => {
    const query = request.query as { url: string, maxwidth?: number, maxheight?: number, format?: string }
    if (query.format !== undefined && query.format !== 'json') {
      throw new HttpProblem(501, 'not-implemented', `oEmbed format "${query.format}" is not supported; use format=json.`, { allowed: ['json'] })
    }
    const target = parseTopicUrl(query.url, options.baseUrl)
    if (target === undefined) {
      throw new HttpProblem(404, 'not-found', `No embeddable content at ${query.url}: use ${options.baseUrl}/embed/topics/{topic} or ${options.baseUrl}/v1/topics/{topic}.`,
        { allowed: TOPIC_IDS.map((id) => `${options.baseUrl}/embed/topics/${id}`) })
    }
    const lang = target.lang ?? 'en'
    const theme = target.theme ?? 'light'
    const topic = app.content.topic(target.id, lang)
    const width = Math.min(OEMBED_WIDTH, query.maxwidth ?? OEMBED_WIDTH)
    const height = Math.min(OEMBED_HEIGHT, query.maxheight ?? OEMBED_HEIGHT)
    const src = app.embeds.pageUrl(target.id, lang, theme)
    const body = {
      version: '1.0',
      type: 'rich',
      title: topic.title,
      provider_name: 'ALS Reference API',
      provider_url: options.baseUrl,
      author_name: topic.provenance.publisher,
      author_url: options.baseUrl,
      cache_age: OEMBED_CACHE_AGE,
      width,
      height,
      html: `<iframe src="${escapeHtml(src)}" width="${width}" height="${height}" title="${escapeHtml(topic.title)}" style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`,
      license: topic.provenance.license.name,
      license_url: topic.provenance.license.url
    }
    return reply.header('cache-control', `public, max-age=${OEMBED_CACHE_AGE}`).type('application/json; charset=utf-8').send(JSON.stringify(body))
  })
}
