/**
 * GET /infobutton: HL7 Context-Aware Knowledge Retrieval (Infobutton), URL-based, as MedlinePlus Connect answers it.
 * A health record sends a problem code (`mainSearchCriteria.v.c`) and its code system's OID (`.v.cs`), the audience
 * (`informationRecipient` PAT or PROV) and its language; the answer is a feed whose entries link to the matching pages
 * in that language: ALS's own codes to the topics (the overview first), a gene's HGNC code (or OMIM) to its genetics
 * entry, a symptom's HPO code to the symptom. A code this API does not hold is an empty feed (200), as MedlinePlus
 * Connect answers; a malformed request is a 400 in the format asked for (Atom → `application/problem+xml`, JSON →
 * problem+json). Parameters of the guide that do not apply here (patient's age and gender, task, performer,
 * encounter…) are accepted and ignored.
 */
import Type from 'typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Language } from '../../schemas/common.ts'
import type { TopicId } from '../../schemas/topics/index.ts'
import { CODE_SYSTEMS } from '../../schemas/content.ts'
import { prepare, prepareText, type Prepared } from '../db/store.ts'
import type { Item } from '../db/entities.ts'
import { resolveCode, resolveSystem, type CodeResolution } from '../db/codes.ts'
import { PROBLEM_CONTENT_TYPE, problemBody } from '../http/problem.ts'
import { sendPrepared } from '../http/send.ts'
import { pathOf } from '../http/url.ts'
import { escapeHtml } from '../render/html.ts'
import { renderAtom, renderJson, renderProblemXml, type Feed, type FeedEntry } from '../render/infobutton.ts'
import { createLru } from '../search/cache.ts'
import { queryTokens } from '../search/fold.ts'
import { problemResponse } from './topics.ts'

export const INFOBUTTON_PATH = '/infobutton'
/** Response formats by `knowledgeResponseType`; text/xml (Atom) when absent, as in the guide. */
const FORMATS = {
  'text/xml': 'text/xml; charset=utf-8',
  'application/atom+xml': 'application/atom+xml; charset=utf-8',
  'application/json': 'application/json; charset=utf-8',
  'application/javascript': 'application/javascript; charset=utf-8'
} as const
type Format = keyof typeof FORMATS
const RECIPIENTS = ['PAT', 'PROV'] as const
/** Entries of a feed found by display name (no code): the best few topics, as MedlinePlus Connect gives up to three. */
const MAX_TEXT_ENTRIES = 3
/** Claims listed, with their sources, in a clinician's (PROV) entry. */
const PROVIDER_CLAIMS = 3
/** The code OID pattern (ISO/IEC 8824 dotted decimal) the guide uses for `.v.cs`. */
const OID = /^[0-2](\.(0|[1-9]\d*))+$/
const CALLBACK = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/
export const INFOBUTTON_CACHE_SIZE = 1000

const text = (description: string, examples: string[], maxLength = 200) => Type.Optional(Type.String({ minLength: 1, maxLength, description, examples }))

const InfobuttonQuery = Type.Object({
  'mainSearchCriteria.v.c': text('The code of the problem (diagnosis), gene or finding. Required unless `mainSearchCriteria.v.dn` is given.', ['G12.21'], 100),
  'mainSearchCriteria.v.cs': text(`OID of its code system: ICD-10-CM 2.16.840.1.113883.6.90, ICD-10 2.16.840.1.113883.6.3, SNOMED CT 2.16.840.1.113883.6.96, HGNC 2.16.840.1.113883.6.281; a FHIR system URI or one of ${CODE_SYSTEMS.join(', ')} is accepted too. Required with a code.`, ['2.16.840.1.113883.6.90']),
  'mainSearchCriteria.v.dn': text('Display name of the code; searched for when no code is given.', ['Amyotrophic lateral sclerosis']),
  informationRecipient: text('PAT (patient, default) or PROV (provider: each entry also lists key claims with their sources); any case.', ['PAT'], 10),
  'informationRecipient.languageCode.c': text('Language of the pages: en (default) or tr (also as en-US, tr-TR); another language gets English.', ['tr'], 35),
  knowledgeResponseType: text('text/xml (Atom, default), application/atom+xml, application/json (MedlinePlus Connect\'s JSON) or application/javascript (JSONP, with `callback`).', ['application/json'], 100),
  callback: text('JSONP function name, with knowledgeResponseType=application/javascript.', ['handleFeed'], 100)
}, { additionalProperties: true })

interface InfobuttonParams {
  code?: string
  system?: string
  displayName?: string
  recipient: typeof RECIPIENTS[number]
  lang: Language
  format: Format
  callback?: string
}

class InfobuttonError extends Error {}

function parseParams (query: Record<string, unknown>): { params?: InfobuttonParams, format: Format, error?: string } {
  const get = (name: string): string | undefined => {
    const value = query[name]
    // A repeated parameter is refused by validation; its first value is read so that the refusal is in the format asked for.
    const first = Array.isArray(value) ? value[0] as unknown : value
    return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined
  }
  const requested = get('knowledgeResponseType')
  const format = requested !== undefined && Object.hasOwn(FORMATS, requested) ? requested as Format : 'text/xml'
  try {
    if (requested !== undefined && !Object.hasOwn(FORMATS, requested)) throw new InfobuttonError(`knowledgeResponseType must be one of ${Object.keys(FORMATS).join(', ')}.`)
    const code = get('mainSearchCriteria.v.c')
    const system = get('mainSearchCriteria.v.cs')
    const displayName = get('mainSearchCriteria.v.dn')
    if (code === undefined && displayName === undefined) throw new InfobuttonError('mainSearchCriteria.v.c (a code, with its code system in mainSearchCriteria.v.cs) or mainSearchCriteria.v.dn (a name) is required.')
    if (code !== undefined && system === undefined) throw new InfobuttonError('mainSearchCriteria.v.cs (the OID of the code system) is required with mainSearchCriteria.v.c.')
    if (system !== undefined && resolveSystem(system) === undefined && !OID.test(system)) throw new InfobuttonError(`mainSearchCriteria.v.cs "${system}" is not an OID (e.g. 2.16.840.1.113883.6.90 for ICD-10-CM).`)
    const recipient = (get('informationRecipient') ?? 'PAT').toUpperCase()
    if (!(RECIPIENTS as readonly string[]).includes(recipient)) throw new InfobuttonError('informationRecipient must be PAT (patient) or PROV (provider).')
    const languageCode = get('informationRecipient.languageCode.c')?.slice(0, 2).toLowerCase()
    const callback = get('callback')
    if (format === 'application/javascript' && (callback === undefined || !CALLBACK.test(callback))) throw new InfobuttonError('callback (a JavaScript function name) is required with knowledgeResponseType=application/javascript.')
    return {
      format,
      params: {
        ...(code === undefined ? {} : { code }),
        ...(system === undefined ? {} : { system }),
        ...(displayName === undefined ? {} : { displayName }),
        recipient: recipient as InfobuttonParams['recipient'],
        lang: languageCode === 'tr' ? 'tr' : 'en',
        format,
        ...(callback === undefined ? {} : { callback })
      }
    }
  } catch (error) {
    return { format, error: (error as Error).message }
  }
}

export interface InfobuttonRoutesOptions { baseUrl: string }

export default async function infobuttonRoutes (app: FastifyInstance, { baseUrl }: InfobuttonRoutesOptions): Promise<void> {
  const content = app.content
  const feeds = createLru<Prepared>(INFOBUTTON_CACHE_SIZE)
  const dateTime = (date: string) => `${date}T00:00:00Z`

  const topicEntry = (id: TopicId, lang: Language, recipient: InfobuttonParams['recipient']): FeedEntry => {
    const topic = content.topic(id, lang)
    return {
      id: `${topic.links.self}?lang=${lang}`,
      title: topic.title,
      summaryHtml: summaryHtml(topic.summary, recipient === 'PROV' ? keyClaims(topic.sections.flatMap((section) => section.statements.map((item) => item.id)), lang) : '', lang, topic.lastReviewed),
      updated: dateTime(topic.lastReviewed),
      links: [
        { rel: 'alternate', type: 'text/html', href: `${topic.links.embed}?lang=${lang}`, title: topic.title },
        { rel: 'related', type: 'application/json', href: `${topic.links.self}?lang=${lang}`, title: topic.title }
      ]
    }
  }

  const itemEntry = (item: Item, name: string, lang: Language, recipient: InfobuttonParams['recipient']): FeedEntry => {
    const topicId = item.topic as TopicId
    const topic = content.topic(topicId, lang)
    const self = (item.links as { self: string }).self
    return {
      id: `${self}?lang=${lang}`,
      title: name,
      summaryHtml: summaryHtml(String(item.description), recipient === 'PROV' ? sourcesHtml(item.citations as string[], lang) : '', lang, topic.lastReviewed),
      updated: dateTime(topic.lastReviewed),
      links: [
        { rel: 'alternate', type: 'text/html', href: `${topic.links.embed}?lang=${lang}`, title: topic.title },
        { rel: 'related', type: 'application/json', href: `${self}?lang=${lang}`, title: name }
      ]
    }
  }

  const citationHtml = (ids: readonly string[], lang: Language) => ids.map((id) => {
    const reference = content.entities.reference(id, lang) as Item
    return `<li>${escapeHtml(String(reference.citation))}</li>`
  }).join('')
  const sourcesHtml = (ids: readonly string[], lang: Language) => `<ul class="alsSources">${citationHtml(ids, lang)}</ul>`
  /** A clinician's entry: the first claims with their ids and sources. */
  const keyClaims = (ids: readonly string[], lang: Language) => ids.slice(0, PROVIDER_CLAIMS).map((id) => {
    const claim = content.entities.statement(id, lang) as Item
    return `<p class="alsClaim" id="${escapeHtml(id)}">${escapeHtml(String(claim.text))}</p><ul class="alsSources">${citationHtml(claim.citations as string[], lang)}</ul>`
  }).join('')
  const summaryHtml = (summary: string, extra: string, lang: Language, lastReviewed: string) => {
    const provenance = content.provenance(lang, lastReviewed)
    return `<p>${escapeHtml(summary)}</p>${extra}<p class="alsDisclaimer">${escapeHtml(provenance.disclaimer)}</p><p class="alsAttribution">${escapeHtml(provenance.attribution)}</p>`
  }

  /** The entries for a resolved code: the disease's codes give every topic, overview first; an item gives itself and its topic. */
  const entriesFor = (found: CodeResolution, lang: Language, recipient: InfobuttonParams['recipient']): FeedEntry[] => {
    const target = (found.matches[0] as unknown as { target: { kind: string, id: string, name: string } }).target
    if (target.kind === 'topic') {
      const first = target.id as TopicId
      return [first, ...content.topicIds.filter((id) => id !== first && id !== 'references')].map((id) => topicEntry(id, lang, recipient))
    }
    const item = content.entities.get(target.kind as 'gene', target.id, lang) as Item
    const name = target.kind === 'gene' ? `${String(item.symbol)} — ${String(item.name)}` : target.name
    return [itemEntry(item, name, lang, recipient), topicEntry(item.topic as TopicId, lang, recipient)]
  }

  const entriesForText = (displayName: string, lang: Language, recipient: InfobuttonParams['recipient']): FeedEntry[] => {
    if (queryTokens(displayName).length === 0) return []
    const rows = content.searcher.search(displayName, { lang, limit: 20, offset: 0 }).rows
    const topics = [...new Set(rows.map((row) => row.topic as TopicId))].filter((id) => id !== 'references').slice(0, MAX_TEXT_ENTRIES)
    return topics.map((id) => topicEntry(id, lang, recipient))
  }

  const buildFeed = (params: InfobuttonParams, url: string): Feed => {
    const { lang, recipient } = params
    const system = params.system === undefined ? undefined : resolveSystem(params.system)
    let found: CodeResolution | undefined
    let entries: FeedEntry[] = []
    if (params.code !== undefined) {
      found = system === undefined ? undefined : resolveCode(content.entities.codes(lang), system, params.code)
      if (found !== undefined) entries = entriesFor(found, lang, recipient)
    } else {
      entries = entriesForText(params.displayName as string, lang, recipient)
    }
    const asked = params.code === undefined ? `"${String(params.displayName)}"` : `${system ?? params.system} ${params.code}`
    const through = found?.fallback === undefined ? '' : lang === 'tr' ? ` (${found.fallback.matched} üst kodu üzerinden)` : ` (through its parent code ${found.fallback.matched})`
    const subtitle = lang === 'tr' ? `${asked} için sonuçlar${through}: ${entries.length}` : `Results for ${asked}${through}: ${entries.length}`
    const provenance = content.provenance(lang)
    return {
      id: url,
      lang,
      base: baseUrl,
      title: 'ALS Reference API',
      subtitle,
      author: { name: content.meta.publisher, uri: baseUrl },
      rights: `${provenance.attribution} ${provenance.license.name} (${provenance.license.url}).`,
      updated: entries.map((entry) => entry.updated).sort().at(-1) ?? content.builtAt.replace(/\.\d+Z$/, 'Z'),
      categories: [
        ...(params.code === undefined ? [] : [{ scheme: 'mainSearchCriteria.v.c', term: params.code }]),
        ...(params.system === undefined ? [] : [{ scheme: 'mainSearchCriteria.v.cs', term: params.system }]),
        ...(params.displayName === undefined ? [] : [{ scheme: 'mainSearchCriteria.v.dn', term: params.displayName }]),
        { scheme: 'informationRecipient', term: recipient },
        { scheme: 'informationRecipient.languageCode.c', term: lang }
      ],
      entries
    }
  }

  const render = (feed: Feed, params: InfobuttonParams): Prepared => {
    if (params.format === 'application/json') return prepare(renderJson(feed))
    if (params.format === 'application/javascript') return prepareText(`/**/${String(params.callback)}(${JSON.stringify(renderJson(feed))});`)
    return prepareText(renderAtom(feed))
  }

  const sendError = (request: FastifyRequest, reply: FastifyReply, format: Format, detail: string) => {
    const problem = problemBody(400, 'invalid-parameter', detail, pathOf(request.url))
    reply.code(400).header('cache-control', 'no-store')
    if (format === 'text/xml' || format === 'application/atom+xml') return reply.type('application/problem+xml; charset=utf-8').send(renderProblemXml({ ...problem, detail, instance: pathOf(request.url) }))
    return reply.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem))
  }

  app.get(INFOBUTTON_PATH, {
    attachValidation: true,
    schema: {
      operationId: 'infobutton',
      tags: ['integrations'],
      summary: 'HL7 Infobutton (URL-based), MedlinePlus Connect–compatible',
      description: 'An HL7 Context-Aware Knowledge Retrieval (Infobutton) knowledge request by URL, answered as MedlinePlus Connect ' +
        'answers it: a feed (Atom by default, or MedlinePlus Connect\'s JSON) whose entries link to the matching pages in the ' +
        'requested language, with titles and summaries. ALS\'s own codes (ICD-10 G12.2, ICD-10-CM G12.21, SNOMED CT 86044005…) ' +
        'give the topics, overview first; a gene\'s HGNC code its genetics entry; an HPO code its symptom. A more specific ICD code ' +
        'falls back to its parent. A code this API does not hold gives an empty feed (200). A malformed request is a 400 in the ' +
        'format asked for (`application/problem+xml` for Atom, problem+json otherwise). Other parameters of the guide ' +
        '(`taskContext.c.c`, `patientPerson.administrativeGenderCode.c`, `age.v.v`, `performer`…) are accepted and ignored.',
      querystring: InfobuttonQuery,
      response: {
        200: {
          description: 'The knowledge response: an Atom feed (text/xml, application/atom+xml), MedlinePlus Connect\'s JSON, or JSONP.',
          content: {
            'text/xml': { schema: { type: 'string', description: 'Atom 1.0 feed (RFC 4287).' } },
            'application/atom+xml': { schema: { type: 'string', description: 'Atom 1.0 feed (RFC 4287).' } },
            'application/json': { schema: { type: 'object', description: 'MedlinePlus Connect\'s JSON: `feed.entry[].title._value`, `link[].href`, `summary._value`…', additionalProperties: true } },
            'application/javascript': { schema: { type: 'string', description: 'The JSON, wrapped in a call of `callback`.' } }
          }
        },
        400: {
          description: 'A malformed request, in the format asked for.',
          content: {
            'application/problem+xml': { schema: { type: 'string', description: 'RFC 9457 problem details, XML form.' } },
            'application/problem+json': problemResponse('').content['application/problem+json']
          }
        }
      }
    }
  }, async (request, reply) => {
    const { params, format, error } = parseParams(request.query as Record<string, unknown>)
    if (params === undefined) return sendError(request, reply, format, error as string)
    if (request.validationError !== undefined) return sendError(request, reply, format, `Invalid query: ${request.validationError.message}.`)
    const key = `${request.url}`
    let prepared = feeds.get(key)
    if (prepared === undefined) feeds.set(key, prepared = render(buildFeed(params, `${baseUrl}${request.url}`), params))
    return sendPrepared(request, reply, prepared, { contentType: FORMATS[params.format], lang: params.lang })
  })
}
