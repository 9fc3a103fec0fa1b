/**
 * Embedding: the HTML embed page of a topic, the host-page script (/embed.js) and the embed pages' resize script,
 * and the oEmbed 1.0 provider (/oembed).
 */
import Type from 'typebox'
import type { FastifyInstance } from 'fastify'
import { type Language } from '../../schemas/common.ts'
import { TOPIC_IDS, type TopicId } from '../../schemas/topics/index.ts'
import { Language as LanguageSchema, OEmbed, ref } from '../../schemas/api.ts'
import { chooseLanguage, normalizeLanguage } from '../http/negotiate.ts'
import { HttpProblem, invalidParameter } from '../http/problem.ts'
import { prepareText } from '../db/store.ts'
import { sendEmbedPage, sendPrepared } from '../http/send.ts'
import { ACCENT_PATTERN, escapeHtml, FONTS, FORMS, normalizeAccent, THEMES, type FontName, type Form, type Theme } from '../render/html.ts'
import { RESIZE_SCRIPT_PATH, type EmbedChoices } from '../render/embeds.ts'
import { EMBED_SCRIPT, RESIZE_SCRIPT } from '../render/scripts.ts'
import { problemResponse, problemResponses, TopicParams, SectionsQuery } from './topics.ts'

const JS_TYPE = 'text/javascript; charset=utf-8'

/** Default and largest size of the embed iframe an oEmbed response proposes. */
export const OEMBED_WIDTH = 640
export const OEMBED_HEIGHT = 900
const OEMBED_CACHE_AGE = 3600

const ThemeSchema = Type.Unsafe<Theme>({ type: 'string', enum: [...THEMES], default: 'light', description: 'Colour theme of the page: `light` (default), `dark`, or `auto` (follows the reader\'s `prefers-color-scheme`).', examples: ['auto'] })
const FormSchema = Type.Unsafe<Form>({ type: 'string', enum: [...FORMS], description: '`full` (default): every statement. `short`: the summary, a table of contents and each section folded under its heading (`<details>`).', examples: ['short'] })
const SummarySchema = Type.Boolean({ description: 'Show the topic\'s summary. Default: `true` for a whole topic, `false` when `sections` picks some.', examples: [true] })
const AccentSchema = Type.String({ pattern: ACCENT_PATTERN, description: 'Accent colour of the host site, hex (`#` optional: `0b57a4`, `%230b57a4`, `07c`). Used for links, citation markers and rules; darkened or lightened as far as needed to stay readable (WCAG AA contrast).', examples: ['7a1f5c'] })
const FontSchema = Type.Unsafe<FontName>({ type: 'string', enum: [...FONTS], description: 'Font family, from fonts installed on readers\' devices (the page loads none): a generic family (`system-ui`, default; `sans-serif`, `serif`) or a common font, each with fallbacks.', examples: ['georgia'] })

const EmbedQuery = Type.Object({
  lang: Type.Optional(LanguageSchema),
  sections: Type.Optional(SectionsQuery),
  theme: Type.Optional(ThemeSchema),
  form: Type.Optional(FormSchema),
  summary: Type.Optional(SummarySchema),
  accent: Type.Optional(AccentSchema),
  font: Type.Optional(FontSchema)
})

interface EmbedQueryValue { lang?: Language, sections?: string, theme?: Theme, form?: Form, summary?: boolean, accent?: string, font?: FontName }

const OEmbedQuery = Type.Object({
  url: Type.String({ minLength: 1, maxLength: 2000, description: 'URL of a topic (`/v1/topics/{topic}`) or of its embed page (`/embed/topics/{topic}`) on this server: absolute, or relative to it.', examples: ['/embed/topics/symptoms?lang=tr'] }),
  maxwidth: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'Largest width the consumer can show, in pixels.', examples: [480] })),
  maxheight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'Largest height the consumer can show, in pixels.', examples: [600] })),
  format: Type.Optional(Type.String({ maxLength: 20, description: 'Response format: only `json` is supported (others are answered with 501, as oEmbed requires).', examples: ['json'] }))
})

const htmlResponse = (description: string) => ({ description, content: { 'text/html': { schema: Type.String() } } })
/** An embed page's error: problem+json for programs, a short page in the reader's language for browsers (frames). */
const withErrorPage = (response: { description: string, content: Record<string, unknown> }) => ({
  description: `${response.description} A browser (\`Accept: text/html\`) gets a short page in its language instead, which a frame can show.`,
  content: { ...response.content, 'text/html': { schema: Type.String() } }
})
const scriptResponse = (description: string) => ({ description, content: { 'text/javascript': { schema: Type.String() } } })

const SECTIONS_PATTERN = new RegExp((SectionsQuery as unknown as { pattern: string }).pattern)
const ACCENT_REGEXP = new RegExp(ACCENT_PATTERN)

interface TopicUrl { id: TopicId, lang?: Language, theme?: Theme, choices: EmbedChoices, invalid: string[] }

/**
 * The topic a URL of this server names (`/v1/topics/{id}` or `/embed/topics/{id}`), with the embed choices its query
 * makes (lang, theme, sections, form, summary, accent, font), so that an oEmbed answer embeds what the URL shows.
 * Choices with a value an embed page would refuse are listed in `invalid`.
 */
function parseTopicUrl (raw: string, baseUrl: string): TopicUrl | undefined {
  let url: URL
  let base: URL
  try {
    base = new URL(baseUrl)
    url = new URL(raw, base)
  } catch {
    return undefined
  }
  if (url.origin !== base.origin) return undefined
  const match = /^\/(?:v1|embed)\/topics\/([a-z]+(?:-[a-z]+)*)\/?$/.exec(url.pathname)
  const id = match?.[1]
  if (id === undefined || !(TOPIC_IDS as readonly string[]).includes(id)) return undefined
  const param = (name: string): string | undefined => url.searchParams.get(name) ?? undefined
  const invalid: string[] = []
  const pick = <T extends string>(name: string, test: (value: string) => boolean): T | undefined => {
    const value = param(name)
    if (value === undefined) return undefined
    if (test(value)) return value as T
    invalid.push(name)
    return undefined
  }
  const lang = normalizeLanguage(pick<string>('lang', (value) => normalizeLanguage(value) !== undefined) ?? '')
  const theme = pick<Theme>('theme', (value) => (THEMES as readonly string[]).includes(value))
  const sections = pick('sections', (value) => SECTIONS_PATTERN.test(value))
  const form = pick<Form>('form', (value) => (FORMS as readonly string[]).includes(value))
  const summary = pick('summary', (value) => value === 'true' || value === 'false')
  const accent = pick('accent', (value) => ACCENT_REGEXP.test(value))
  const font = pick<FontName>('font', (value) => (FONTS as readonly string[]).includes(value))
  const choices: EmbedChoices = {
    ...(sections === undefined ? {} : { sections: [...new Set(sections.split(','))] }),
    ...(form === undefined ? {} : { form }),
    ...(summary === undefined ? {} : { summary: summary === 'true' }),
    ...(accent === undefined ? {} : { accent: normalizeAccent(accent) }),
    ...(font === undefined ? {} : { font })
  }
  return { id: id as TopicId, ...(lang === undefined ? {} : { lang }), ...(theme === undefined ? {} : { theme }), choices, invalid }
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
        '(a tap, hover or Enter on a marker shows its reference; the list follows), last review date, licence, attribution ' +
        'with a link back, and the medical disclaimer. `sections` picks sections: the page then lists only the references ' +
        'they cite, numbered from 1, without the topic summary unless `summary=true`. `form=short` folds each section ' +
        'under its heading, below a table of contents. `theme=auto` follows the reader\'s colour scheme; `accent` and ' +
        '`font` match the host site. Inline CSS, readable without JavaScript, a strict CSP, framable from any origin; ' +
        'it carries the topic\'s schema.org JSON-LD and an oEmbed discovery link. A browser (`Accept: text/html`) gets ' +
        'errors as a short page in its language, so a wrong embed shows a message in its frame; programs get problem+json.',
      params: TopicParams,
      querystring: EmbedQuery,
      response: {
        200: htmlResponse('The embed page.'),
        400: withErrorPage(problemResponses[400]),
        404: withErrorPage(problemResponses[404])
      }
    }
  }, async (request, reply) => {
    const { topic } = request.params as { topic: string }
    const query = request.query as EmbedQueryValue
    if (!(TOPIC_IDS as readonly string[]).includes(topic)) {
      throw new HttpProblem(404, 'not-found', `There is no topic "${topic}". Topics: ${TOPIC_IDS.join(', ')}.`, { allowed: [...TOPIC_IDS] })
    }
    const id = topic as TopicId
    const lang = chooseLanguage(query.lang, request.headers['accept-language'])
    const theme = query.theme ?? 'light'
    const plain = query.sections === undefined && query.summary === undefined && query.accent === undefined && query.font === undefined
    if (plain) {
      const pageUrl = app.embeds.pageUrl(id, lang, theme, { form: query.form })
      return sendEmbedPage(request, reply, app.embeds.page(id, lang, theme, query.form), app.embeds.oembedUrl(pageUrl), lang, 'Accept-Language')
    }
    const whole = app.content.topic(id, lang)
    let sections = whole.sections
    let wanted: string[] | undefined
    if (query.sections !== undefined) {
      const known = whole.sections.map((section) => section.id)
      wanted = [...new Set(query.sections.split(','))]
      const unknown = wanted.filter((section) => !known.includes(section))
      if (unknown.length > 0) throw invalidParameter('sections', 'query', `unknown section${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in topic "${id}"`, known)
      sections = whole.sections.filter((section) => (wanted as string[]).includes(section.id))
    }
    const choices: EmbedChoices = {
      ...(wanted === undefined ? {} : { sections: wanted }),
      ...(query.form === undefined ? {} : { form: query.form }),
      summary: query.summary ?? wanted === undefined,
      ...(query.accent === undefined ? {} : { accent: normalizeAccent(query.accent) }),
      ...(query.font === undefined ? {} : { font: query.font })
    }
    const page = app.embeds.renderPage({ ...whole, sections }, theme, choices)
    return sendEmbedPage(request, reply, page, app.embeds.oembedUrl(app.embeds.pageUrl(id, lang, theme, choices)), lang, 'Accept-Language')
  })

  const embedScript = prepareText(EMBED_SCRIPT)
  const resizeScript = prepareText(RESIZE_SCRIPT)

  app.get('/embed.js', {
    schema: {
      operationId: 'getEmbedScript',
      tags: ['embed'],
      summary: 'The embed script for host pages',
      description: 'Include it once: `<script src="…/embed.js" async></script>`. Every `<div data-als-topic="symptoms" ' +
        'data-lang="tr">` becomes an iframe of the embed page that resizes to its content and scrolls the host page to ' +
        'a reference or section the reader follows. Optional attributes (each also as `data-als-…`): `data-lang`, ' +
        '`data-theme` (`light`, `dark`, `auto`), `data-sections`, `data-als-form` (`short`), `data-als-summary`, ' +
        '`data-als-accent` (hex colour), `data-als-font`, `data-title`. No globals, no cookies.',
      response: { 200: scriptResponse('The script.') }
    }
  }, async (request, reply) => sendPrepared(request, reply.header('x-content-type-options', 'nosniff'), embedScript, { contentType: JS_TYPE }))

  app.get(RESIZE_SCRIPT_PATH, {
    schema: {
      operationId: 'getEmbedResizeScript',
      tags: ['embed'],
      summary: 'The resize script of embed pages',
      description: 'Loaded by each embed page: posts its content height to the parent page, which embed.js uses to size the ' +
        'iframe; shows a citation\'s reference in a popover; follows in-page links (opening folded sections) and asks the ' +
        'parent page to scroll there.',
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
    const known = topic.sections.map((section) => section.id)
    if (target.choices.sections?.some((section) => !known.includes(section)) === true) target.invalid.push('sections')
    if (target.invalid.length > 0) {
      throw invalidParameter('url', 'query', `the embed URL has invalid ${target.invalid.join(', ')} (see GET /embed/topics/{topic} for the accepted values)`)
    }
    const width = Math.min(OEMBED_WIDTH, query.maxwidth ?? OEMBED_WIDTH)
    const height = Math.min(OEMBED_HEIGHT, query.maxheight ?? OEMBED_HEIGHT)
    const src = app.embeds.pageUrl(target.id, lang, theme, target.choices)
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
