/**
 * The MCP tools: search, get_topic, get_statement, lookup_code, list_treatments, list_genes, list_symptoms. Each has
 * an input and an output JSON Schema (TypeBox: the project's one schema language, which is JSON Schema already, so the
 * SDK's zod layer is not needed: the low-level `Server` takes the schemas as they are) and a description that tells a
 * model when to use it. Every result carries the claims' ids, their citations (DOI, PMID or URL), the provenance and
 * the disclaimer, both as `structuredContent` and as text; results are paged so that one stays within a size a model
 * can use. Topic ids come from the store, never from a list written here.
 */
import Type, { type TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { LANGUAGES, StringEnum, type Language } from '../../schemas/common.ts'
import type { TopicId } from '../../schemas/topics/index.ts'
import { CODE_SYSTEMS, TREATMENT_KINDS, TREATMENT_STATUSES, BODY_REGIONS, INHERITANCE } from '../../schemas/content.ts'
import type { ContentStore } from '../db/store.ts'
import type { Item } from '../db/entities.ts'
import { resolveCode, resolveSystem } from '../db/codes.ts'
import { queryTokens } from '../search/fold.ts'
import { CitationOut, ProvenanceOut, StatementOut, citationText, createResolver, provenanceText, statementText, type Citation, type Statement } from './render.ts'

/** A bad argument or an unknown id: answered as a tool error (`isError`), which a model can read and correct. */
export class ToolError extends Error {
  override name = 'ToolError'
}

export interface ToolResult { structured: Record<string, unknown>, text: string }

export interface ToolDefinition {
  name: string
  title: string
  description: string
  inputSchema: TSchema
  outputSchema: TSchema
  run: (args: Record<string, unknown>) => ToolResult
}

/** Most items one result carries: beyond, the model asks for the next page (`offset`). */
export const MAX_SEARCH_RESULTS = 20
export const MAX_LIST_ITEMS = 50
export const MAX_TOPIC_STATEMENTS = 30
/** Citations listed for one search result that stands for many claims (a section): the rest are one call away. */
const MAX_HIT_CITATIONS = 10

const Lang = Type.Optional(StringEnum(LANGUAGES, { description: 'Language of the answer: en (English, default) or tr (Turkish).' }))
const pageInput = (max: number, fallback: number) => ({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: max, default: fallback, description: `Items per call (1–${max}, default ${fallback}).` })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0, description: 'Items to skip: pass the previous result\'s `nextOffset` to continue.' }))
})
const pageOutput = {
  total: Type.Integer({ description: 'Items matching, over all pages.' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
  nextOffset: Type.Union([Type.Integer(), Type.Null()], { description: 'Offset of the next page, or null when this is the last.' })
}
const enumOf = (values: readonly string[], description: string) => StringEnum(values, { description })

const Hit = Type.Object({
  kind: Type.String({ description: 'Kind of item: question, statement, section, topic, symptom, gene, treatment, statistic, reference…' }),
  id: Type.String(),
  topic: Type.String(),
  title: Type.String(),
  snippet: Type.String({ description: 'Where the query matched (plain text).' }),
  text: Type.Optional(Type.String({ description: 'The claim itself, for a statement; the short answer, for a question.' })),
  link: Type.String(),
  statementIds: Type.Array(Type.String(), { description: 'The claims this result stands for (get_statement gives each one with its citations).' }),
  citations: Type.Array(CitationOut)
})

const ListItem = (properties: Record<string, TSchema>) => Type.Object({ id: Type.String(), ...properties, link: Type.String(), citations: Type.Array(CitationOut, { minItems: 1 }) })

/** Plain text of a highlighted snippet: the `<mark>` elements and HTML escapes are for browsers, not models. */
function plainSnippet (html: string): string {
  return html.replace(/<\/?mark>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] as string)
}

function nextOffset (offset: number, limit: number, total: number): number | null {
  return offset + limit < total ? offset + limit : null
}

export function createTools (content: ContentStore): ToolDefinition[] {
  const { citation, statement } = createResolver(content)
  const topicIds = content.topicIds as readonly string[]
  const provenance = (lang: Language, lastReviewed?: string) => content.provenance(lang, lastReviewed)
  const citationsOf = (ids: readonly string[], lang: Language): Citation[] => ids.map((id) => citation(id, lang))

  /** Per topic and language: the citations of every item of its data by id, and the statements of every section. */
  const index = new Map<string, { items: Map<string, string[]>, sections: Map<string, string[]> }>()
  const topicIndex = (topic: TopicId, lang: Language) => {
    const key = `${topic}:${lang}`
    let found = index.get(key)
    if (found === undefined) {
      const doc = content.topic(topic, lang)
      const items = new Map<string, string[]>()
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) { node.forEach(visit); return }
        if (node === null || typeof node !== 'object') return
        const record = node as { id?: unknown, citations?: unknown }
        if (typeof record.id === 'string' && Array.isArray(record.citations) && !items.has(record.id)) items.set(record.id, record.citations as string[])
        Object.values(node).forEach(visit)
      }
      visit(doc.data)
      const sections = new Map(doc.sections.map((section) => [section.id, section.statements.map((item) => item.id)]))
      index.set(key, found = { items, sections })
    }
    return found
  }

  const withProvenance = (lang: Language, body: Record<string, unknown>, lines: string[], lastReviewed?: string): ToolResult => {
    const prov = provenance(lang, lastReviewed)
    return { structured: { lang, ...body, provenance: prov }, text: [...lines, provenanceText(prov)].join('\n') }
  }
  const langOf = (args: Record<string, unknown>) => (args.lang ?? 'en') as Language
  const pageOf = (args: Record<string, unknown>, fallback: number) => ({ limit: (args.limit as number | undefined) ?? fallback, offset: (args.offset as number | undefined) ?? 0 })
  const pageLine = (what: string, offset: number, shown: number, total: number, next: number | null) =>
    `${what}: ${total === 0 ? 'none' : `${offset + 1}–${offset + shown} of ${total}`}${next === null ? '' : ` (more: offset ${next})`}`

  /** A question's short answer, the statements it rests on, and their references (the seed checked they exist). */
  const answer = (id: string, lang: Language) => {
    const item = content.questions.get(id, lang) as unknown as { question: string, answer: string, statements: string[], topics: string[], links: { self: string } }
    const statements = item.statements.map((statementId) => statement(statementId, lang) as Statement)
    const referenceIds = [...new Set(statements.flatMap((claim) => claim.citations.map((source) => source.id)))]
    return { question: item.question, answer: item.answer, topics: item.topics, link: item.links.self, statementIds: item.statements, statements, citations: citationsOf(referenceIds, lang) }
  }

  // ------------------------------------------------------------ search

  const search: ToolDefinition = {
    name: 'search',
    title: 'Search the ALS reference',
    description: 'Full-text search over the whole ALS reference (questions people ask, cited statements, symptoms, genes, treatments, ' +
      'statistics, diagnosis criteria, references), in English or Turkish. Use it first for any question about ALS (motor neuron ' +
      'disease): a question people ask ranks first when the query is that question in other words (its short answer, then get_question), ' +
      'then claims and items, each with its statement ids and citations. ' +
      'Quote the claims with their sources; follow up with get_statement or get_topic for more. Words are matched as prefixes; ' +
      `at most ${MAX_SEARCH_RESULTS} results per call (default 10, a few kB), page with offset.`,
    inputSchema: Type.Object({
      query: Type.String({ minLength: 1, maxLength: 200, description: 'Words to search for, e.g. "riluzole survival" or "yutma güçlüğü".' }),
      lang: Lang,
      topic: Type.Optional(enumOf(topicIds, 'Only results from this topic.')),
      ...pageInput(MAX_SEARCH_RESULTS, 10)
    }, { additionalProperties: false }),
    outputSchema: Type.Object({ lang: Type.String(), query: Type.String(), results: Type.Array(Hit), ...pageOutput, provenance: ProvenanceOut }),
    run (args) {
      const lang = langOf(args)
      const query = args.query as string
      if (queryTokens(query).length === 0) throw new ToolError('query must contain at least one letter or digit.')
      const { limit, offset } = pageOf(args, 10)
      const result = content.searcher.search(query, { lang, topic: args.topic as string | undefined, limit, offset })
      // Search ranks a question first when the query is that question in other words (and the named item first for a
      // word or two); the order is kept as it is, so that pages follow on.
      const results = result.rows.map((row): { kind: string, id: string, topic: string, title: string, snippet: string, text?: string, link: string, statementIds: string[], citations: Citation[] } => {
        const link = content.entities.linkFor(row.kind, row.id, row.topic)
        const base = { kind: row.kind, id: row.id, topic: row.topic, title: row.title, snippet: plainSnippet(row.snippet), link }
        if (row.kind === 'statement') {
          const claim = statement(row.id, lang) as Statement
          return { ...base, text: claim.text, statementIds: [claim.id], citations: claim.citations }
        }
        if (row.kind === 'reference') return { ...base, statementIds: [], citations: [citation(row.id, lang)] }
        if (row.kind === 'question') {
          const answered = answer(row.id, lang)
          return { ...base, text: answered.answer, statementIds: answered.statementIds, citations: answered.citations.slice(0, MAX_HIT_CITATIONS) }
        }
        const topic = topicIndex(row.topic as TopicId, lang)
        const statementIds = row.kind === 'section' ? topic.sections.get(row.id) as string[] : []
        const referenceIds = row.kind === 'section'
          ? [...new Set(statementIds.flatMap((id) => (statement(id, lang) as Statement).citations.map((item) => item.id)))].slice(0, MAX_HIT_CITATIONS)
          : topic.items.get(row.id) ?? []
        return { ...base, statementIds, citations: citationsOf(referenceIds, lang) }
      })
      const next = nextOffset(offset, limit, result.total)
      const lines = [pageLine(`Results for "${result.tokens.join(' ')}" (${lang})`, offset, results.length, result.total, next)]
      for (const hit of results) {
        lines.push(`\n[${hit.kind}: ${hit.id}] ${hit.title} — ${hit.link}`, `  ${hit.text ?? hit.snippet}`)
        if (hit.statementIds.length > 0 && hit.kind !== 'statement') lines.push(`  statements: ${hit.statementIds.join(', ')}`)
        for (const source of hit.citations) lines.push(`  source ${citationText(source)}`)
      }
      return withProvenance(lang, { query: result.tokens.join(' '), results, total: result.total, limit, offset, nextOffset: next }, lines)
    }
  }

  // ------------------------------------------------------------ topics and statements

  const getTopic: ToolDefinition = {
    name: 'get_topic',
    title: 'Read a topic of the ALS reference',
    description: `Reads one topic of the ALS reference (${topicIds.join(', ')}): its title, summary, section outline, and the cited ` +
      'statements of all its sections or of the sections you name. Use it when a question needs a whole area (e.g. how ALS is ' +
      `diagnosed), after search has shown which topic and sections matter. At most ${MAX_TOPIC_STATEMENTS} statements per call ` +
      '(default 15, each with its citations); page with offset.',
    inputSchema: Type.Object({
      topic: enumOf(topicIds, 'Topic id.'),
      sections: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { minItems: 1, maxItems: 20, uniqueItems: true, description: 'Only these sections (ids from the outline).' })),
      lang: Lang,
      ...pageInput(MAX_TOPIC_STATEMENTS, 15)
    }, { additionalProperties: false }),
    outputSchema: Type.Object({
      lang: Type.String(),
      id: Type.String(),
      title: Type.String(),
      summary: Type.String(),
      lastReviewed: Type.String(),
      link: Type.String(),
      embed: Type.String(),
      outline: Type.Array(Type.Object({ id: Type.String(), heading: Type.String(), statements: Type.Integer() })),
      statements: Type.Array(StatementOut),
      ...pageOutput,
      provenance: ProvenanceOut
    }),
    run (args) {
      const lang = langOf(args)
      const topic = content.topic(args.topic as TopicId, lang)
      const wanted = args.sections as string[] | undefined
      const known = topic.sections.map((section) => section.id)
      const unknown = (wanted ?? []).filter((id) => !known.includes(id))
      if (unknown.length > 0) throw new ToolError(`Unknown section${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} of topic ${topic.id}; its sections are: ${known.join(', ')}.`)
      const chosen = topic.sections.filter((section) => wanted === undefined || wanted.includes(section.id))
      const all = chosen.flatMap((section) => section.statements.map((item) => item.id))
      const { limit, offset } = pageOf(args, 15)
      const statements = all.slice(offset, offset + limit).map((id) => statement(id, lang) as Statement)
      const next = nextOffset(offset, limit, all.length)
      const outline = topic.sections.map((section) => ({ id: section.id, heading: section.heading, statements: section.statements.length }))
      const lines = [
        `# ${topic.title} (${topic.id}, ${lang}) — ${topic.links.self}`, topic.summary,
        `Sections: ${outline.map((section) => `${section.id} (${section.heading}, ${section.statements})`).join('; ')}`,
        pageLine('Statements', offset, statements.length, all.length, next),
        ...statements.map((item) => statementText(item))
      ]
      return withProvenance(lang, {
        id: topic.id,
        title: topic.title,
        summary: topic.summary,
        lastReviewed: topic.lastReviewed,
        link: topic.links.self,
        embed: topic.links.embed,
        outline,
        statements,
        total: all.length,
        limit,
        offset,
        nextOffset: next
      }, lines, topic.lastReviewed)
    }
  }

  const getStatement: ToolDefinition = {
    name: 'get_statement',
    title: 'Get one cited claim',
    description: 'Gets one statement (a single claim) of the ALS reference by its id, with its topic, section, strength of evidence ' +
      'and every citation resolved (formatted reference, DOI, PMID or URL). Use it to quote a claim exactly, or to check the ' +
      'sources of a statement id that search or get_topic returned. One claim per call, under 2 kB.',
    inputSchema: Type.Object({
      id: Type.String({ minLength: 1, maxLength: 200, description: 'Statement id, e.g. "riluzole-survival".' }),
      lang: Lang
    }, { additionalProperties: false }),
    outputSchema: Type.Object({ lang: Type.String(), statement: StatementOut, provenance: ProvenanceOut }),
    run (args) {
      const lang = langOf(args)
      const claim = statement(args.id as string, lang)
      if (claim === undefined) throw new ToolError(`There is no statement "${String(args.id)}". Use search to find statement ids.`)
      const reviewed = content.topic(claim.topic as TopicId, lang).lastReviewed
      return withProvenance(lang, { statement: claim }, [`${claim.topic} › ${claim.section} — ${claim.link}`, statementText(claim)], reviewed)
    }
  }

  const getQuestion: ToolDefinition = {
    name: 'get_question',
    title: 'Get the answer to a common question',
    description: 'Gets one of the questions people ask about ALS (is it hereditary, is it contagious, how long do people live, do ' +
      'stem cells work…) with its short answer, the cited statements the answer rests on, and their references (DOI, PMID or URL). ' +
      'Use it when search returns a question, or with an id from search; give the answer with its sources. Under 8 kB.',
    inputSchema: Type.Object({
      id: Type.String({ minLength: 1, maxLength: 200, description: 'Question id, e.g. "is-als-hereditary".' }),
      lang: Lang
    }, { additionalProperties: false }),
    outputSchema: Type.Object({
      lang: Type.String(),
      question: Type.Object({
        id: Type.String(),
        question: Type.String(),
        answer: Type.String(),
        topics: Type.Array(Type.String()),
        link: Type.String(),
        statementIds: Type.Array(Type.String()),
        statements: Type.Array(StatementOut),
        citations: Type.Array(CitationOut, { minItems: 1 })
      }),
      provenance: ProvenanceOut
    }),
    run (args) {
      const lang = langOf(args)
      const id = args.id as string
      if (content.questions.get(id, lang) === undefined) throw new ToolError(`There is no question "${id}". Use search to find question ids.`)
      const answered = answer(id, lang)
      const lines = [`${answered.question} — ${answered.link}`, answered.answer, `statements: ${answered.statementIds.join(', ')}`]
      for (const source of answered.citations) lines.push(`source ${citationText(source)}`)
      return withProvenance(lang, { question: { id, ...answered } }, lines)
    }
  }

  // ------------------------------------------------------------ codes

  const lookupCode: ToolDefinition = {
    name: 'lookup_code',
    title: 'Resolve a medical code',
    description: 'Tells what the ALS reference holds for a medical code: ICD-10, ICD-10-CM, ICD-11, SNOMED CT, MeSH, OMIM, Orphanet, ' +
      'MONDO, UMLS, HPO or HGNC, the system given by name, HL7 OID or FHIR URI (e.g. system "http://snomed.info/sct", code ' +
      '"86044005"; system "hgnc", code "11179"). Use it when a record, a paper or a user gives a code rather than words. A more ' +
      'specific ICD code falls back to its parent (the result says so). Answers with the matching item and its cited claims, under 5 kB.',
    inputSchema: Type.Object({
      system: Type.String({ minLength: 1, maxLength: 200, description: `Coding system: ${CODE_SYSTEMS.join(', ')}, or its OID or FHIR system URI.` }),
      code: Type.String({ minLength: 1, maxLength: 100, description: 'The code (prefix optional: "803" or "ORPHA:803").' }),
      lang: Lang
    }, { additionalProperties: false }),
    outputSchema: Type.Object({
      lang: Type.String(),
      system: Type.String(),
      code: Type.String(),
      fallback: Type.Optional(Type.Object({ requested: Type.String(), matched: Type.String(), reason: Type.String() })),
      matches: Type.Array(Type.Object({
        system: Type.String(),
        code: Type.String(),
        display: Type.String(),
        target: Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String(), link: Type.String() })
      })),
      about: Type.Object({ title: Type.String(), summary: Type.String(), link: Type.String() }),
      statements: Type.Array(StatementOut, { description: 'The claims about what the code identifies (for the disease itself: the overview).' }),
      statementIds: Type.Array(Type.String()),
      citations: Type.Array(CitationOut, { description: 'Sources of the item itself (a gene, a symptom).' }),
      provenance: ProvenanceOut
    }),
    run (args) {
      const lang = langOf(args)
      const system = resolveSystem(args.system as string)
      if (system === undefined) throw new ToolError(`Unknown coding system "${String(args.system)}". Use one of: ${CODE_SYSTEMS.join(', ')} (or its OID or FHIR URI).`)
      const found = resolveCode(content.entities.codes(lang), system, args.code as string)
      if (found === undefined) throw new ToolError(`The ALS reference holds nothing for ${system} code "${String(args.code)}".`)
      const target = (found.matches[0] as unknown as { target: { kind: string, id: string, name: string, link: string } }).target
      let about: { title: string, summary: string, link: string }
      let statements: Statement[] = []
      let citations: Citation[] = []
      if (target.kind === 'topic') {
        const topic = content.topic(target.id as TopicId, lang)
        about = { title: topic.title, summary: topic.summary, link: topic.links.self }
        statements = (topic.sections[0] as { statements: Array<{ id: string }> }).statements.map((item) => statement(item.id, lang) as Statement)
      } else {
        const item = content.entities.get(target.kind as 'gene', target.id, lang) as Item
        about = { title: target.name, summary: String(item.description), link: target.link }
        citations = citationsOf(item.citations as string[], lang)
      }
      const lines = [
        `${system} ${found.code}${found.fallback === undefined ? '' : ` (${found.fallback.reason})`}: ${found.matches.map((match) => `${String(match.display)} → ${target.kind} ${target.id}`).join('; ')}`,
        `${about.title} — ${about.link}`, about.summary,
        ...statements.map((item) => statementText(item)),
        ...citations.map((item) => `source ${citationText(item)}`)
      ]
      return withProvenance(lang, {
        system,
        code: found.code,
        ...(found.fallback === undefined ? {} : { fallback: found.fallback }),
        matches: found.matches,
        about,
        statements,
        statementIds: statements.map((item) => item.id),
        citations
      }, lines)
    }
  }

  // ------------------------------------------------------------ lists

  const listTool = (options: {
    name: string,
    title: string,
    description: string,
    kind: 'treatment' | 'gene' | 'symptom',
    filters: Record<string, TSchema>,
    matches: (item: Item, args: Record<string, unknown>) => boolean,
    fields: Record<string, TSchema>,
    line: (item: Item) => string
  }): ToolDefinition => ({
    name: options.name,
    title: options.title,
    description: `${options.description} At most ${MAX_LIST_ITEMS} items per call (default 20), each with its sources; page with offset.`,
    inputSchema: Type.Object({
      ...Object.fromEntries(Object.entries(options.filters).map(([key, schema]) => [key, Type.Optional(schema)])),
      lang: Lang,
      ...pageInput(MAX_LIST_ITEMS, 20)
    }, { additionalProperties: false }),
    outputSchema: Type.Object({ lang: Type.String(), items: Type.Array(ListItem(options.fields)), ...pageOutput, provenance: ProvenanceOut }),
    run (args) {
      const lang = langOf(args)
      const all = content.entities.list(options.kind, lang).filter((item) => options.matches(item, args))
      const { limit, offset } = pageOf(args, 20)
      const items = all.slice(offset, offset + limit).map((item) => ({
        id: item.id,
        ...Object.fromEntries(Object.keys(options.fields).filter((key) => item[key] !== undefined).map((key) => [key, item[key]])),
        link: (item.links as { self: string }).self,
        citations: citationsOf(item.citations as string[], lang)
      }))
      const next = nextOffset(offset, limit, all.length)
      const lines = [pageLine(options.title, offset, items.length, all.length, next)]
      for (const [position, item] of items.entries()) {
        lines.push(`\n(${item.id}) ${options.line(all[offset + position] as Item)} — ${item.link}`)
        for (const source of item.citations) lines.push(`  source ${citationText(source)}`)
      }
      // The items' own topic (every kind has items: the content schema requires them).
      const reviewed = content.topic((content.entities.list(options.kind, lang)[0] as Item).topic as TopicId, lang).lastReviewed
      return withProvenance(lang, { items, total: all.length, limit, offset, nextOffset: next }, lines, reviewed)
    }
  })

  const listTreatments = listTool({
    name: 'list_treatments',
    title: 'Treatments',
    description: 'Lists ALS treatments with their real status (approved, withdrawn, investigational, not-recommended, standard-of-care), ' +
      'the regulators\' decisions by year, the strength of evidence and the measured effect. Use it for "what treatments exist / are ' +
      'approved" questions; filter by status or kind.',
    kind: 'treatment',
    filters: { status: enumOf(TREATMENT_STATUSES, 'Only treatments of this status.'), kind: enumOf(TREATMENT_KINDS, 'Only treatments of this kind.') },
    matches: (item, args) => (args.status === undefined || item.status === args.status) && (args.kind === undefined || item.kind === args.kind),
    fields: {
      name: Type.String(),
      kind: Type.String(),
      status: Type.String(),
      evidence: Type.String(),
      approvals: Type.Array(Type.Object({ agency: Type.String(), status: Type.String(), year: Type.Integer() })),
      effect: Type.String()
    },
    line: (item) => `${String(item.name)} [${String(item.kind)}, ${String(item.status)}, evidence: ${String(item.evidence)}]` +
      `${(item.approvals as Array<{ agency: string, status: string, year: number }>).map((approval) => ` ${approval.agency} ${approval.status} ${approval.year}`).join(';')}. ${String(item.effect)}`
  })

  const listGenes = listTool({
    name: 'list_genes',
    title: 'Genes',
    description: 'Lists the genes linked to ALS (symbol, HGNC id, inheritance, share of familial and sporadic cases, year linked). ' +
      'Use it for questions about genetic causes, inheritance or genetic testing; filter by inheritance.',
    kind: 'gene',
    filters: { inheritance: enumOf(INHERITANCE, 'Only genes with this mode of inheritance.') },
    matches: (item, args) => args.inheritance === undefined || (item.inheritance as string[]).includes(args.inheritance as string),
    fields: {
      symbol: Type.String(),
      hgnc: Type.String(),
      name: Type.String(),
      inheritance: Type.Array(Type.String()),
      familialShare: Type.Optional(Type.Object({ value: Type.Number(), low: Type.Optional(Type.Number()), high: Type.Optional(Type.Number()) })),
      sporadicShare: Type.Optional(Type.Object({ value: Type.Number(), low: Type.Optional(Type.Number()), high: Type.Optional(Type.Number()) })),
      yearLinked: Type.Integer(),
      description: Type.String()
    },
    line: (item) => `${String(item.symbol)} (${String(item.hgnc)}, ${String(item.name)}; ${(item.inheritance as string[]).join(', ')}; linked ${String(item.yearLinked)})` +
      `${item.familialShare === undefined ? '' : ` familial share ${String((item.familialShare as { value: number }).value)}%`}. ${String(item.description)}`
  })

  const listSymptoms = listTool({
    name: 'list_symptoms',
    title: 'Symptoms',
    description: 'Lists the signs and symptoms of ALS with their body region, upper or lower motor neuron type and HPO id. Use it for ' +
      '"what are the symptoms / early signs" questions; filter by body region.',
    kind: 'symptom',
    filters: { region: enumOf(BODY_REGIONS, 'Only symptoms of this body region.') },
    matches: (item, args) => args.region === undefined || item.region === args.region,
    fields: { name: Type.String(), description: Type.String(), region: Type.String(), neuron: Type.String(), hpo: Type.String() },
    line: (item) => `${String(item.name)} [${String(item.region)}, ${String(item.neuron)} motor neuron, ${String(item.hpo)}]: ${String(item.description)}`
  })

  return [search, getTopic, getStatement, getQuestion, lookupCode, listTreatments, listGenes, listSymptoms]
}

/** Checks and completes a tool's arguments; a ToolError that names every problem otherwise. */
export function argumentChecker (schema: TSchema): (args: unknown) => Record<string, unknown> {
  const validator = Compile(schema)
  return (args) => {
    const value = args ?? {}
    if (validator.Check(value)) return value as Record<string, unknown>
    const problems = validator.Errors(value).filter((error) => error.keyword !== 'boolean').slice(0, 5).map((error) => {
      const where = error.instancePath === '' ? 'arguments' : error.instancePath.slice(1).replaceAll('/', '.')
      const params = error.params as { additionalProperties?: string[], allowedValues?: unknown[] }
      if (error.keyword === 'additionalProperties') return `unknown argument ${(params.additionalProperties as string[]).join(', ')}`
      if (error.keyword === 'enum') return `${where} must be one of ${(params.allowedValues as unknown[]).join(', ')}`
      return `${where} ${error.message}`
    })
    throw new ToolError(`Invalid arguments: ${problems.join('; ')}.`)
  }
}
