/**
 * The structured entities: symptoms, genes, treatments, statistics, references, statements and medical codes.
 * Lists filter, page and pick fields; unknown filter values are a 400 that lists the allowed ones.
 */
import Type, { type TSchema } from 'typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { StringEnum, type Language } from '../../schemas/common.ts'
import { type TopicId } from '../../schemas/topics/index.ts'
import {
  AGENCIES, BODY_REGIONS, CODE_SYSTEMS, CodeSystem, Hpo, INHERITANCE, MEASURES, NEURON_TYPES, REFERENCE_TYPES, REGIONS,
  TREATMENT_KINDS, TREATMENT_STATUSES
} from '../../schemas/content.ts'
import { Language as LanguageSchema, ref } from '../../schemas/api.ts'
import {
  CodeList, Gene, GeneList, GeneResponse, LookupResult, MedicalCode, ReferenceDetail, ReferenceDetailResponse, ReferenceList,
  StatementDetail, Statistic, StatisticList, StatisticResponse, Symptom, SymptomList, SymptomResponse, Treatment, TreatmentList,
  TreatmentResponse
} from '../../schemas/entities.ts'
import type { EntityKind, Item } from '../db/entities.ts'
import { prepare, type Prepared } from '../db/store.ts'
import { chooseLanguage, negotiateMediaType } from '../http/negotiate.ts'
import { fieldsQuery, PaginationQuery, nextLink, pageOf, pickFields } from '../http/list.ts'
import { HttpProblem, invalidParameter } from '../http/problem.ts'
import { resolveCode, resolveSystem } from '../db/codes.ts'
import { sendPrepared } from '../http/send.ts'
import { createLru } from '../search/cache.ts'
import { problemResponses } from './topics.ts'

const JSON_TYPE = 'application/json; charset=utf-8'
/** List pages kept, prepared, by language and URL. */
export const LIST_CACHE_SIZE = 1000
const OFFERED = ['application/json'] as const

interface ListQuery { lang?: Language, limit: number, offset: number, fields?: string, include?: 'references', [filter: string]: unknown }

export interface EntityRoutesOptions { baseUrl: string }

/** `include=references`: an item's references resolved inline, one request instead of one per citation. */
export const IncludeQuery = StringEnum(['references'], {
  description: '`references`: the item comes with every reference it cites resolved (`references`, numbered in citation order), so that one request is enough.',
  examples: ['references']
})

const idParams = (name: string, description: string, example: string) => Type.Object({
  [name]: Type.String({ minLength: 1, maxLength: 200, description, examples: [example] })
})

export default async function entityRoutes (app: FastifyInstance, { baseUrl }: EntityRoutesOptions): Promise<void> {
  const content = app.content

  const languageOf = (request: FastifyRequest): Language => {
    negotiateMediaType(request.headers.accept, OFFERED)
    return chooseLanguage((request.query as { lang?: Language }).lang, request.headers['accept-language'])
  }
  const send = (request: FastifyRequest, reply: FastifyReply, lang: Language, body: unknown) =>
    sendPrepared(request, reply, prepare(body), { contentType: JSON_TYPE, lang, vary: 'Accept, Accept-Language' })
  /**
   * A single item is the same for every request in a release: it is serialized and hashed (and, on demand,
   * compressed) once, on its first request. Keys are ids that exist, so the cache is bounded by the content.
   */
  const items = new Map<string, Prepared>()
  const sendItem = (request: FastifyRequest, reply: FastifyReply, lang: Language, key: string, build: () => unknown) => {
    const cacheKey = `${key}:${lang}`
    let prepared = items.get(cacheKey)
    if (prepared === undefined) items.set(cacheKey, prepared = prepare(build()))
    return sendPrepared(request, reply, prepared, { contentType: JSON_TYPE, lang, vary: 'Accept, Accept-Language' })
  }
  const lastReviewed = (topic: TopicId, lang: Language) => content.topic(topic, lang).lastReviewed

  /**
   * Pages and picks fields of `items` (filtered by the caller); sends the list envelope. A page is a pure function
   * of the release, the language and the URL, so it is prepared once and kept in an LRU: a repeated list request
   * costs a lookup, not a filter, a serialization and a hash.
   */
  const pages = createLru<Prepared>(LIST_CACHE_SIZE)
  const sendList = (request: FastifyRequest, reply: FastifyReply, lang: Language, select: () => readonly Item[], known: readonly string[]) => {
    const key = `${lang}\n${request.url}`
    let prepared = pages.get(key)
    if (prepared === undefined) {
      const query = request.query as ListQuery
      const page = pageOf(query)
      const items = select()
      let picked: unknown[] = pickFields(items.slice(page.offset, page.offset + page.limit), query.fields, known)
      if (query.include === 'references') picked = picked.map((item, index) => ({ ...item as Item, references: content.entities.referencesOf(items[page.offset + index], lang) }))
      prepared = prepare({
        lang, items: picked, total: items.length, ...page, next: nextLink(request, baseUrl, page, items.length), provenance: content.provenance(lang)
      })
      pages.set(key, prepared)
    }
    return sendPrepared(request, reply, prepared, { contentType: JSON_TYPE, lang, vary: 'Accept, Accept-Language' })
  }

  const notFound = (what: string, id: string, allowed: string[]) =>
    new HttpProblem(404, 'not-found', `There is no ${what} "${id}".`, { allowed })

  interface EntityRoute {
    kind: EntityKind
    path: string
    param: string
    name: string
    plural: string
    item: TSchema & { properties: Record<string, TSchema> }
    list: TSchema
    single: TSchema
    filters: Record<string, TSchema>
    matches: (item: Item, query: ListQuery) => boolean
    example: string
    /** A real `fields=` example for this list. */
    fields: string
  }
  const is = (query: ListQuery, key: string, value: unknown) => query[key] === undefined || query[key] === value
  const routes: EntityRoute[] = [
    {
      kind: 'symptom',
      path: 'symptoms',
      param: 'id',
      name: 'Symptom',
      plural: 'Symptoms',
      item: Symptom,
      list: SymptomList,
      single: SymptomResponse,
      filters: {
        region: StringEnum(BODY_REGIONS, { description: 'Only symptoms of this body region.', examples: ['limb'] }),
        neuron: StringEnum(NEURON_TYPES, { description: 'Only upper or lower motor neuron signs (or both, or non-motor).', examples: ['lower'] }),
        hpo: Hpo
      },
      matches: (item, query) => is(query, 'region', item.region) && is(query, 'neuron', item.neuron) && is(query, 'hpo', item.hpo),
      example: 'fasciculations',
      fields: 'name,region'
    },
    {
      kind: 'gene',
      path: 'genes',
      param: 'symbol',
      name: 'Gene',
      plural: 'Genes',
      item: Gene,
      list: GeneList,
      single: GeneResponse,
      filters: { inheritance: StringEnum(INHERITANCE, { description: 'Only genes with this mode of inheritance.', examples: ['autosomal-dominant'] }) },
      matches: (item, query) => query.inheritance === undefined || (item.inheritance as string[]).includes(query.inheritance as string),
      example: 'SOD1',
      fields: 'symbol,inheritance'
    },
    {
      kind: 'treatment',
      path: 'treatments',
      param: 'id',
      name: 'Treatment',
      plural: 'Treatments',
      item: Treatment,
      list: TreatmentList,
      single: TreatmentResponse,
      filters: {
        status: StringEnum(TREATMENT_STATUSES, { description: 'Only treatments of this overall status.', examples: ['approved'] }),
        kind: StringEnum(TREATMENT_KINDS, { description: 'Only treatments of this kind.', examples: ['drug'] }),
        agency: StringEnum(AGENCIES, { description: 'Only treatments this regulator or body has decided on.', examples: ['FDA'] })
      },
      matches: (item, query) => is(query, 'status', item.status) && is(query, 'kind', item.kind) &&
        (query.agency === undefined || (item.approvals as Array<{ agency: string }>).some((approval) => approval.agency === query.agency)),
      example: 'riluzole',
      fields: 'name,status'
    },
    {
      kind: 'statistic',
      path: 'statistics',
      param: 'id',
      name: 'Statistic',
      plural: 'Statistics',
      item: Statistic,
      list: StatisticList,
      single: StatisticResponse,
      filters: {
        measure: StringEnum(MEASURES, { description: 'Only figures of this measure.', examples: ['incidence'] }),
        region: StringEnum(REGIONS, { description: 'Only figures for this region.', examples: ['europe'] })
      },
      matches: (item, query) => is(query, 'measure', item.measure) && is(query, 'region', item.region),
      example: 'incidence-europe-eurals',
      fields: 'label,value,unit'
    }
  ]

  for (const route of routes) {
    const known = Object.keys(route.item.properties).filter((field) => field !== 'references')
    app.get(`/v1/${route.path}`, {
      schema: {
        operationId: `list${route.plural}`,
        tags: ['entities'],
        summary: `List ${route.plural.toLowerCase()}`,
        description: `${route.plural}, in content order, filtered by ${Object.keys(route.filters).map((key) => `\`${key}\``).join(', ')}, ` +
          'paginated (`limit`, `offset`), with `fields=` to pick fields.',
        querystring: Type.Object({
          lang: Type.Optional(LanguageSchema),
          ...Object.fromEntries(Object.entries(route.filters).map(([key, schema]) => [key, Type.Optional(schema)])),
          ...PaginationQuery,
          fields: Type.Optional(fieldsQuery(route.fields)),
          include: Type.Optional(IncludeQuery)
        }),
        response: { 200: { ...ref(route.list as TSchema & { $id: string }), description: `A page of ${route.plural.toLowerCase()}.` }, 400: problemResponses[400], 406: problemResponses[406] }
      }
    }, async (request, reply) => {
      const lang = languageOf(request)
      const query = request.query as ListQuery
      return sendList(request, reply, lang, () => content.entities.list(route.kind, lang).filter((item) => route.matches(item, query)), known)
    })

    app.get(`/v1/${route.path}/:${route.param}`, {
      schema: {
        operationId: `get${route.name}`,
        tags: ['entities'],
        summary: `Get one ${route.name.toLowerCase()}`,
        description: route.kind === 'gene' ? 'One gene by its symbol (any case) or id.' : `One ${route.name.toLowerCase()} by id.`,
        params: idParams(route.param, route.kind === 'gene' ? 'Gene symbol (case-insensitive) or id.' : `${route.name} id.`, route.example),
        querystring: Type.Object({ lang: Type.Optional(LanguageSchema), include: Type.Optional(IncludeQuery) }),
        response: { 200: { ...ref(route.single as TSchema & { $id: string }), description: `The ${route.name.toLowerCase()}.` }, ...problemResponses }
      }
    }, async (request, reply) => {
      const id = (request.params as Record<string, string>)[route.param] as string
      const lang = languageOf(request)
      const item = content.entities.get(route.kind, id, lang)
      if (item === undefined) {
        throw notFound(route.name.toLowerCase(), id, content.entities.list(route.kind, lang).map((entry) => String(route.kind === 'gene' ? entry.symbol : entry.id)))
      }
      const include = (request.query as ListQuery).include === 'references'
      return sendItem(request, reply, lang, `${route.kind}:${String(item.id)}${include ? ':references' : ''}`, () => ({
        ...item,
        ...(include ? { references: content.entities.referencesOf(item, lang) } : {}),
        lang,
        provenance: content.provenance(lang, lastReviewed(item.topic as TopicId, lang))
      }))
    })
  }

  // ------------------------------------------------------------ references

  const referenceFields = Object.keys(ReferenceDetail.properties)
  app.get('/v1/references', {
    schema: {
      operationId: 'listReferences',
      tags: ['entities'],
      summary: 'List references',
      description: 'The bibliography, each with a formatted citation and the items that cite it; filtered by `type` and `year`, paginated, with `fields=`.',
      querystring: Type.Object({
        lang: Type.Optional(LanguageSchema),
        type: Type.Optional(StringEnum(REFERENCE_TYPES, { description: 'Only references of this kind.', examples: ['journal-article'] })),
        year: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2100, description: 'Only references published this year.', examples: [2022] })),
        ...PaginationQuery,
        fields: Type.Optional(fieldsQuery('citation,year'))
      }),
      response: { 200: { ...ref(ReferenceList), description: 'A page of references.' }, 400: problemResponses[400], 406: problemResponses[406] }
    }
  }, async (request, reply) => {
    const lang = languageOf(request)
    const query = request.query as ListQuery
    return sendList(request, reply, lang, () => content.entities.references(lang).filter((item) => is(query, 'type', item.type) && is(query, 'year', item.year)), referenceFields)
  })

  app.get('/v1/references/:id', {
    schema: {
      operationId: 'getReference',
      tags: ['entities'],
      summary: 'Get one reference',
      description: 'A source with its formatted citation (Vancouver style), DOI/PubMed links, and every statement and item that cites it.',
      params: idParams('id', 'Reference id.', 'miller-2012-riluzole-cochrane'),
      querystring: Type.Object({ lang: Type.Optional(LanguageSchema) }),
      response: { 200: { ...ref(ReferenceDetailResponse), description: 'The reference.' }, ...problemResponses }
    }
  }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const lang = languageOf(request)
    const item = content.entities.reference(id, lang)
    if (item === undefined) throw notFound('reference', id, content.entities.references(lang).map((entry) => entry.id))
    return sendItem(request, reply, lang, `reference:${item.id}`, () => ({ ...item, lang, provenance: content.provenance(lang) }))
  })

  // ------------------------------------------------------------ statements

  app.get('/v1/statements/:id', {
    schema: {
      operationId: 'getStatement',
      tags: ['entities'],
      summary: 'Get one statement with its citations resolved',
      description: 'One claim, with its topic and section, and the references it cites, resolved and formatted: a claim third parties can link to and quote.',
      params: idParams('id', 'Statement id.', 'riluzole-survival-gain'),
      querystring: Type.Object({ lang: Type.Optional(LanguageSchema), include: Type.Optional({ ...IncludeQuery, description: 'Accepted for the same query as the other items: a statement always comes with its references resolved.' }) }),
      response: { 200: { ...ref(StatementDetail), description: 'The statement.' }, ...problemResponses }
    }
  }, async (request, reply) => {
    const { id } = request.params as { id: string }
    const lang = languageOf(request)
    const item = content.entities.statement(id, lang)
    if (item === undefined) throw new HttpProblem(404, 'not-found', `There is no statement "${id}".`)
    return sendItem(request, reply, lang, `statement:${item.id}`, () => ({ ...item, provenance: content.provenance(lang, lastReviewed(item.topic as TopicId, lang)) }))
  })

  // ------------------------------------------------------------ codes

  const codeFields = Object.keys(MedicalCode.properties)
  app.get('/v1/codes', {
    schema: {
      operationId: 'listCodes',
      tags: ['entities'],
      summary: 'List medical codes',
      description: `Every medical code this API holds (${CODE_SYSTEMS.join(', ')}), with what it identifies here; filtered by \`system\`, paginated, with \`fields=\`.`,
      querystring: Type.Object({ lang: Type.Optional(LanguageSchema), system: Type.Optional(CodeSystem), ...PaginationQuery, fields: Type.Optional(fieldsQuery('system,code,display')) }),
      response: { 200: { ...ref(CodeList), description: 'A page of codes.' }, 400: problemResponses[400], 406: problemResponses[406] }
    }
  }, async (request, reply) => {
    const lang = languageOf(request)
    const query = request.query as ListQuery
    return sendList(request, reply, lang, () => content.entities.codes(lang).filter((item) => is(query, 'system', item.system)), codeFields)
  })

  app.get('/v1/lookup', {
    schema: {
      operationId: 'lookupCode',
      tags: ['entities'],
      summary: 'Resolve a medical code',
      description: 'What this API holds for a code of ICD-10, ICD-10-CM, ICD-11, SNOMED CT, MeSH, Orphanet, MONDO, OMIM, HPO or HGNC: ' +
        'e.g. `?system=icd10&code=G12.2` is ALS itself, `?system=hpo&code=HP:0002380` a symptom. `system` may be our short name, ' +
        'the HL7 OID (`2.16.840.1.113883.6.90`, also as `urn:oid:…`) or the FHIR system URI (`http://snomed.info/sct`, ' +
        '`http://hl7.org/fhir/sid/icd-10-cm`). Case, spaces and the code\'s prefix do not matter (`803` is `ORPHA:803`, `11179` is `HGNC:11179`). ' +
        'An ICD code more specific than any held here resolves to its nearest parent (`G12.21` → `G12.2`), and `fallback` says so.',
      querystring: Type.Object({
        lang: Type.Optional(LanguageSchema),
        system: Type.String({
          minLength: 1,
          maxLength: 200,
          description: `The coding system: ${CODE_SYSTEMS.join(', ')}, or its OID or FHIR URI.`,
          examples: ['icd10', '2.16.840.1.113883.6.90', 'http://snomed.info/sct']
        }),
        code: Type.String({ minLength: 1, maxLength: 100, description: 'The code, as the system writes it (its prefix may be left out).', examples: ['G12.2'] })
      }),
      response: { 200: { ...ref(LookupResult), description: 'What the code identifies here.' }, ...problemResponses }
    }
  }, async (request, reply) => {
    const lang = languageOf(request)
    const query = request.query as { system: string, code: string }
    const system = resolveSystem(query.system)
    if (system === undefined) throw invalidParameter('system', 'query', 'is not a coding system this API knows (a short name, an OID or a FHIR system URI)', CODE_SYSTEMS)
    const codes = content.entities.codes(lang)
    const found = resolveCode(codes, system, query.code)
    if (found === undefined) {
      const held = [...new Set(codes.filter((item) => item.system === system).map((item) => String(item.code)))]
      throw new HttpProblem(404, 'not-found', `This API holds nothing for ${system} code "${query.code}".`, { allowed: held })
    }
    return send(request, reply, lang, { lang, ...found, provenance: content.provenance(lang) })
  })
}
