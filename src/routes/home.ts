/**
 * The front door: `GET /` and `GET /v1` answer with an index of the API — JSON for programs, an HTML page for
 * browsers (by `Accept`, like every resource) — and `GET /v1/labels` with the labels of every enumerated value.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Language } from '../../schemas/common.ts'
import { TOPIC_IDS } from '../../schemas/topics/index.ts'
import { ApiIndex, INDEX_LINKS, LabelList } from '../../schemas/home.ts'
import { ref } from '../../schemas/api.ts'
import { prepare, prepareText, type Prepared } from '../db/store.ts'
import { chooseLanguage, negotiateMediaType } from '../http/negotiate.ts'
import { HTML_TYPE, sendPrepared } from '../http/send.ts'
import { escapeHtml } from '../render/html.ts'
import { VOCABULARIES } from '../render/labels.ts'
import { memo } from '../db/memo.ts'
import { LangQuery, problemResponses } from './topics.ts'

const JSON_TYPE = 'application/json; charset=utf-8'
const INDEX_OFFERED = ['application/json', 'text/html'] as const
const VARY = 'Accept, Accept-Language'

type LinkName = typeof INDEX_LINKS[number]

/** Each link's path and what it is, in both languages; the order is the page's. */
const LINKS: Record<Exclude<LinkName, 'self'>, { path: string, en: string, tr: string }> = {
  topics: { path: '/v1/topics', en: 'Topics: the reference, topic by topic', tr: 'Konular: başvuru içeriği, konu konu' },
  questions: { path: '/v1/questions', en: 'Questions people ask, answered briefly with their sources', tr: 'Sık sorulan sorular, kaynaklarıyla kısa yanıtlar' },
  search: { path: '/v1/search', en: 'Full-text search (`?q=`)', tr: 'Tam metin arama (`?q=`)' },
  symptoms: { path: '/v1/symptoms', en: 'Symptoms', tr: 'Belirtiler' },
  genes: { path: '/v1/genes', en: 'Genes', tr: 'Genler' },
  treatments: { path: '/v1/treatments', en: 'Treatments, with their real status', tr: 'Tedaviler, gerçek durumlarıyla' },
  statistics: { path: '/v1/statistics', en: 'Epidemiological figures', tr: 'Epidemiyolojik veriler' },
  references: { path: '/v1/references', en: 'References: the bibliography', tr: 'Kaynaklar: kaynakça' },
  codes: { path: '/v1/codes', en: 'Medical codes (ICD-10, ICD-11, SNOMED CT, MeSH…)', tr: 'Tıbbi kodlar (ICD-10, ICD-11, SNOMED CT, MeSH…)' },
  lookup: { path: '/v1/lookup', en: 'What the API holds for a code (`?system=&code=`)', tr: 'Bir kod için API\'de ne olduğu (`?system=&code=`)' },
  labels: { path: '/v1/labels', en: 'Labels of the enumerated values, in both languages', tr: 'Sabit değerlerin iki dildeki adları' },
  meta: { path: '/v1/meta', en: 'About the content release', tr: 'İçerik sürümü hakkında' },
  docs: { path: '/docs', en: 'Interactive documentation (Swagger UI)', tr: 'Etkileşimli belgeler (Swagger UI)' },
  openapi: { path: '/openapi.json', en: 'The OpenAPI 3.1 document (JSON)', tr: 'OpenAPI 3.1 belgesi (JSON)' },
  openapiYaml: { path: '/openapi.yaml', en: 'The OpenAPI 3.1 document (YAML)', tr: 'OpenAPI 3.1 belgesi (YAML)' },
  embedScript: { path: '/embed.js', en: 'The script that embeds a topic in a web page', tr: 'Bir konuyu web sayfasına yerleştiren betik' },
  oembed: { path: '/oembed', en: 'oEmbed provider for topic and embed URLs', tr: 'Konu ve yerleştirme adresleri için oEmbed sağlayıcısı' }
}

const TEXT = {
  en: {
    description: 'Structured, cited reference content about amyotrophic lateral sclerosis (ALS), in English and Turkish. Every statement cites a source a reader can check.',
    topics: 'Topics',
    api: 'The API',
    hint: 'Programs get this index as JSON (`Accept: application/json`); every resource also takes `?lang=en` or `?lang=tr`.'
  },
  tr: {
    description: 'Amyotrofik lateral skleroz (ALS) hakkında yapılandırılmış, kaynaklı başvuru içeriği; İngilizce ve Türkçe. Her ifade, okurun denetleyebileceği bir kaynağa dayanır.',
    topics: 'Konular',
    api: 'API',
    hint: 'Programlar bu dizini JSON olarak alır (`Accept: application/json`); her kaynak `?lang=en` ya da `?lang=tr` de kabul eder.'
  }
} as const

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}' +
  'code{background:#f2f2f2;padding:0 .2em}li{margin:.2rem 0}footer{margin-top:2rem;font-size:.9rem;color:#555}'
/** The page has no script and one inline style, allowed by its hash: nothing else may load. */
export const INDEX_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

/** `code` spans in a short text, the rest escaped. */
const inline = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>')

export interface HomeRoutesOptions { baseUrl: string, version: string }

export default async function homeRoutes (app: FastifyInstance, { baseUrl, version }: HomeRoutesOptions): Promise<void> {
  const indexBody = (lang: Language) => {
    const provenance = app.content.provenance(lang)
    return {
      name: 'ALS Reference API',
      description: TEXT[lang].description,
      lang,
      apiVersion: version,
      contentVersion: app.content.contentVersion,
      links: { self: `${baseUrl}/v1`, ...Object.fromEntries(Object.entries(LINKS).map(([name, link]) => [name, `${baseUrl}${link.path}`])) },
      topics: TOPIC_IDS.map((id) => ({ id, title: app.content.topic(id, lang).title, link: `${baseUrl}/v1/topics/${id}` })),
      provenance
    }
  }

  const indexJson = memo((lang: Language): Prepared => prepare(indexBody(lang)))
  const indexHtml = memo((lang: Language): Prepared => {
    const body = indexBody(lang)
    const text = TEXT[lang]
    const item = (href: string, label: string) => `<li><a href="${escapeHtml(href)}">${label}</a></li>`
    return prepareText('<!doctype html>\n' +
      `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(body.name)}</title><style>${STYLE}</style></head><body>` +
      `<h1>${escapeHtml(body.name)}</h1><p>${escapeHtml(body.description)}</p>` +
      `<h2>${text.topics}</h2><ul>${body.topics.map((topic) => item(`${topic.link}?lang=${lang}`, escapeHtml(topic.title))).join('')}</ul>` +
      `<h2>${text.api}</h2><ul>${Object.entries(LINKS).map(([, link]) => item(`${baseUrl}${link.path}`, `${inline(link[lang])} <code>${escapeHtml(link.path)}</code>`)).join('')}</ul>` +
      `<p>${inline(text.hint)}</p>` +
      `<footer><p>${escapeHtml(body.provenance.disclaimer)}</p><p>${escapeHtml(body.provenance.attribution)} · ` +
      `API ${escapeHtml(version)} · ${escapeHtml(body.contentVersion)}</p></footer></body></html>\n`)
  })

  const index = async (request: FastifyRequest, reply: FastifyReply) => {
    const mediaType = negotiateMediaType(request.headers.accept, INDEX_OFFERED)
    const lang = chooseLanguage((request.query as { lang?: Language }).lang, request.headers['accept-language'])
    if (mediaType === 'text/html') {
      return sendPrepared(request, reply.header('content-security-policy', INDEX_CSP), indexHtml(lang), { contentType: HTML_TYPE, lang, vary: VARY })
    }
    return sendPrepared(request, reply, indexJson(lang), { contentType: JSON_TYPE, lang, vary: VARY })
  }

  for (const [url, operationId] of [['/', 'getRoot'], ['/v1', 'getIndex']] as const) {
    app.get(url, {
      schema: {
        operationId,
        tags: ['meta'],
        summary: url === '/' ? 'Index of the API (root)' : 'Index of the API',
        description: 'Links to every resource (topics, questions, search, the entities, labels, meta), the documentation and ' +
          'the spec, and the topics with their titles. By `Accept`: JSON (default) for programs, an HTML page for browsers.',
        querystring: LangQuery,
        response: {
          200: {
            description: 'The index.',
            content: { 'application/json': { schema: ref(ApiIndex) }, 'text/html': { schema: { type: 'string' } } }
          },
          400: problemResponses[400],
          406: problemResponses[406]
        }
      }
    }, index)
  }

  const labelsJson = memo((lang: Language): Prepared => prepare({
    lang,
    vocabularies: Object.fromEntries(Object.entries(VOCABULARIES).map(([id, vocabulary]) => [id, {
      description: vocabulary.description,
      usedBy: vocabulary.usedBy,
      labels: Object.fromEntries(Object.entries(vocabulary.labels).map(([value, label]) => [value, label[lang]]))
    }])),
    provenance: app.content.provenance(lang)
  }))

  app.get('/v1/labels', {
    schema: {
      operationId: 'listLabels',
      tags: ['meta'],
      summary: 'Labels of the enumerated values',
      description: 'Every enumerated value a reader sees in the responses (body region, motor neuron type, measure, region, ' +
        'inheritance, treatment kind and status, approval decision, agency, evidence, cluster status, reference type…) ' +
        'with its label in the response language: show `labels[value]` where the API gives `value`.',
      querystring: LangQuery,
      response: { 200: { ...ref(LabelList), description: 'The vocabularies.' }, 400: problemResponses[400], 406: problemResponses[406] }
    }
  }, async (request, reply) => {
    negotiateMediaType(request.headers.accept, ['application/json'])
    const lang = chooseLanguage((request.query as { lang?: Language }).lang, request.headers['accept-language'])
    return sendPrepared(request, reply, labelsJson(lang), { contentType: JSON_TYPE, lang, vary: VARY })
  })
}
