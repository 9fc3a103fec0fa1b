/**
 * The MCP server at /mcp, through the SDK's own client (Client + StreamableHTTPClientTransport) over a real listening
 * socket, on the real content: tools listed with their schemas, each tool called (the client itself checks every
 * `structuredContent` against the tool's `outputSchema`), bad arguments as tool errors, resources listed and read;
 * and the HTTP side: limits, CORS, 405 for GET, the access log.
 */
import t, { type Test } from 'tap'
import { TOPIC_IDS } from '../schemas/topics/index.ts'
import fc from 'fast-check'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'

type Json = Record<string, any>

interface Teardown { teardown: (fn: () => unknown) => void }

async function connect (t: Teardown) {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const client = new Client({ name: 'als-test-client', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(`${address}/mcp`)))
  t.teardown(() => client.close())
  // The client validates structuredContent against each tool's outputSchema once it has listed the tools.
  await client.listTools()
  return { app, address, client }
}

const call = async (client: Client, name: string, args?: Record<string, unknown>) => await client.callTool({ name, ...(args === undefined ? {} : { arguments: args }) }) as Json
const textOf = (result: Json) => (result.content as Array<{ type: string, text: string }>)[0]?.text as string

/** What every successful result carries: provenance with the disclaimer, in structured content and in text. */
function checkProvenance (t: Test, result: Json, lang = 'en') {
  t.notOk(result.isError, 'not an error')
  t.equal(result.structuredContent.lang, lang)
  t.match(result.structuredContent.provenance, { contentVersion: /\S/, license: { id: 'CC-BY-4.0' }, attribution: /\S/, disclaimer: /\S/ })
  t.ok(textOf(result).includes(result.structuredContent.provenance.disclaimer), 'the text carries the disclaimer')
}

const citationShape = { id: /\S/, citation: /\S/, url: /^https:\/\// }

t.test('initialize and tools/list: every tool has a description, input and output schemas, and is read-only', async (t) => {
  const { client } = await connect(t)
  t.match(client.getServerVersion(), { name: 'als-reference-api' })
  t.match(client.getInstructions(), /not medical advice/)
  const { tools } = await client.listTools()
  t.same(tools.map((tool) => tool.name), ['search', 'get_topic', 'get_statement', 'get_question', 'lookup_code', 'list_treatments', 'list_genes', 'list_symptoms'])
  for (const tool of tools) {
    t.ok((tool.description ?? '').length > 100, `${tool.name} says when to use it`)
    t.match(tool.description, /(at most|under) \d+/i, `${tool.name} states its size`)
    t.equal(tool.inputSchema.type, 'object')
    t.equal(tool.outputSchema?.type, 'object')
    t.same(tool.annotations?.readOnlyHint, true)
    t.ok(Object.hasOwn(tool.inputSchema.properties ?? {}, 'lang'), `${tool.name} takes lang`)
  }
  const getTopic = tools.find((tool) => tool.name === 'get_topic') as Json
  t.same(getTopic.inputSchema.properties.topic.enum, [...TOPIC_IDS], 'topic ids come from the store')
})

t.test('search: claims, sections, items and references, each with statement ids and citations; paged; both languages', async (t) => {
  const { client } = await connect(t)
  const result = await call(client, 'search', { query: 'riluzole', limit: 20 })
  checkProvenance(t, result)
  const { structuredContent: body } = result
  t.equal(body.query, 'riluzole')
  t.ok(body.total > 5)
  t.match(body.results[0], { kind: 'treatment', id: 'riluzole', link: /\/v1\/treatments\/riluzole$/, statementIds: [], citations: [citationShape] })
  const statement = body.results.find((hit: Json) => hit.kind === 'statement')
  t.match(statement, { text: /\S/, statementIds: [statement.id], citations: [citationShape] })
  const reference = body.results.find((hit: Json) => hit.kind === 'reference')
  t.match(reference, { statementIds: [], citations: [{ id: reference.id }] })
  t.ok(textOf(result).includes(`[statement: ${String(statement.id)}]`), 'the text names each result')
  t.ok(textOf(result).includes(statement.citations[0].citation), 'and its sources')
  for (const hit of body.results) t.notMatch(hit.snippet, /<mark>|&amp;/, 'snippets are plain text')

  const sections = await call(client, 'search', { query: 'breathing', topic: 'treatments', limit: 20 })
  const section = sections.structuredContent.results.find((hit: Json) => hit.kind === 'section')
  t.ok(section.statementIds.length > 0, 'a section stands for its claims')
  t.ok(section.citations.length > 0 && section.citations.length <= 10)
  t.match(textOf(sections), `statements: ${String(section.statementIds[0])}`)
  t.ok(sections.structuredContent.results.every((hit: Json) => hit.topic === 'treatments'), 'topic filter')

  const topic = await call(client, 'search', { query: 'diagnosis', limit: 20 })
  t.match(topic.structuredContent.results.find((hit: Json) => hit.kind === 'topic'), { id: 'diagnosis', statementIds: [], citations: [] })

  const first = await call(client, 'search', { query: 'riluzole', limit: 2 })
  t.match(first.structuredContent, { limit: 2, offset: 0, nextOffset: 2 })
  t.match(textOf(first), /1–2 of \d+ \(more: offset 2\)/)
  const second = await call(client, 'search', { query: 'riluzole', limit: 2, offset: 2 })
  t.same(second.structuredContent.results[0], body.results[2], 'pages follow on')
  const last = await call(client, 'search', { query: 'riluzole', offset: body.total - 1 })
  t.equal(last.structuredContent.nextOffset, null)

  const turkish = await call(client, 'search', { query: 'yutma güçlüğü', lang: 'tr' })
  checkProvenance(t, turkish, 'tr')
  t.ok(turkish.structuredContent.total > 0)
  const none = await call(client, 'search', { query: 'xyzzyqq' })
  t.match(none.structuredContent, { total: 0, results: [], nextOffset: null })
  t.match(textOf(none), ': none')
})

t.test('get_topic: outline and claims, some sections, paged, in Turkish', async (t) => {
  const { client } = await connect(t)
  const whole = await call(client, 'get_topic', { topic: 'diagnosis' })
  checkProvenance(t, whole)
  const body = whole.structuredContent
  t.match(body, { id: 'diagnosis', title: /\S/, summary: /\S/, link: /\/v1\/topics\/diagnosis$/, embed: /\/embed\/topics\/diagnosis$/, limit: 15, offset: 0 })
  t.equal(body.provenance.lastReviewed, body.lastReviewed)
  t.ok(body.outline.length > 1)
  t.equal(body.statements.length, 15)
  t.match(body.statements[0], { id: 'no-single-test', topic: 'diagnosis', section: body.outline[0].id, citations: [citationShape] })
  t.equal(body.total, body.outline.reduce((sum: number, section: Json) => sum + Number(section.statements), 0))
  t.match(textOf(whole), '(no-single-test)')

  const [one, two] = body.outline as Json[]
  const some = await call(client, 'get_topic', { topic: 'diagnosis', sections: [two?.id], lang: 'tr', limit: 30 })
  checkProvenance(t, some, 'tr')
  t.equal(some.structuredContent.total, two?.statements)
  t.ok(some.structuredContent.statements.every((item: Json) => item.section === two?.id))
  const page = await call(client, 'get_topic', { topic: 'diagnosis', sections: [one?.id, two?.id], limit: 1, offset: 1 })
  t.equal(page.structuredContent.statements.length, 1)
  t.equal(page.structuredContent.nextOffset, 2)

  const bad = await call(client, 'get_topic', { topic: 'diagnosis', sections: ['nope'] })
  t.equal(bad.isError, true)
  t.match(textOf(bad), `Unknown section nope of topic diagnosis; its sections are: ${String(one?.id)}`)
  t.match(textOf(await call(client, 'get_topic', { topic: 'diagnosis', sections: ['nope', 'nada'] })), 'Unknown sections nope, nada')
})

t.test('get_question, and questions in search: the short answer with the statements it rests on and their sources', async (t) => {
  const { client } = await connect(t)
  const found = await call(client, 'search', { query: 'is ALS contagious' })
  t.match(found.structuredContent.results[0], { kind: 'question', id: 'is-als-contagious', text: /\S/, statementIds: [/\S/], citations: [citationShape] }, 'a question asked in other words ranks first, with its answer and sources')
  const result = await call(client, 'get_question', { id: 'is-als-contagious', lang: 'tr' })
  checkProvenance(t, result, 'tr')
  const question = result.structuredContent.question
  t.match(question, { id: 'is-als-contagious', question: 'ALS bulaşıcı mı?', answer: /\S/, link: /\/v1\/questions\/is-als-contagious$/, statementIds: [/\S/], citations: [citationShape] })
  t.same(question.statements.map((claim: Json) => claim.id), question.statementIds, 'the statements it rests on, in order')
  t.ok(question.statements.every((claim: Json) => claim.citations.length > 0), 'each with its citations')
  t.match(textOf(result), question.answer)
  t.match(textOf(result), `statements: ${String(question.statementIds.join(', '))}`)
  const missing = await call(client, 'get_question', { id: 'no-such-question' })
  t.equal(missing.isError, true)
  t.match(textOf(missing), 'There is no question "no-such-question"')
})

t.test('get_statement: one claim with its citations resolved', async (t) => {
  const { client } = await connect(t)
  const result = await call(client, 'get_statement', { id: 'riluzole-survival-gain', lang: 'tr' })
  checkProvenance(t, result, 'tr')
  t.match(result.structuredContent.statement, { id: 'riluzole-survival-gain', topic: 'treatments', section: 'disease-modifying-drugs', text: /\S/, evidence: /\S/, citations: [citationShape], link: /\/v1\/statements\/riluzole-survival-gain$/ })
  t.ok(result.structuredContent.provenance.lastReviewed)
  t.match(textOf(result), /\(riluzole-survival-gain\)[^\n]*\[evidence: /)
  const plain = await call(client, 'get_statement', { id: 'epi-turkey-data' })
  t.notOk('evidence' in plain.structuredContent.statement, 'evidence only where the content gives it')
  t.notMatch(textOf(plain), '[evidence:')
  const missing = await call(client, 'get_statement', { id: 'no-such-claim' })
  t.equal(missing.isError, true)
  t.match(textOf(missing), 'There is no statement "no-such-claim"')
})

t.test('lookup_code: the disease by ICD (with parent fallback), SNOMED URI and Orphanet; a gene by HGNC', async (t) => {
  const { client } = await connect(t)
  const exact = await call(client, 'lookup_code', { system: 'http://snomed.info/sct', code: '86044005' })
  checkProvenance(t, exact)
  t.match(exact.structuredContent, { system: 'snomedct', code: '86044005', matches: [{ target: { kind: 'topic', id: 'definition' } }], about: { link: /\/v1\/topics\/definition$/ }, citations: [] })
  t.notOk('fallback' in exact.structuredContent)
  t.ok(exact.structuredContent.statements.length > 0, 'the disease comes with its overview claims')
  t.same(exact.structuredContent.statementIds, exact.structuredContent.statements.map((item: Json) => item.id))

  const parent = await call(client, 'lookup_code', { system: '2.16.840.1.113883.6.3', code: 'G12.21', lang: 'tr' })
  checkProvenance(t, parent, 'tr')
  t.match(parent.structuredContent, { system: 'icd10', code: 'G12.2', fallback: { requested: 'G12.21', matched: 'G12.2' } })
  t.match(textOf(parent), 'G12.2 is its nearest parent')

  const gene = await call(client, 'lookup_code', { system: 'hgnc', code: '11179' })
  t.match(gene.structuredContent, { system: 'hgnc', code: 'HGNC:11179', matches: [{ target: { kind: 'gene', id: 'sod1' } }], statements: [], citations: [citationShape], about: { title: 'SOD1', link: /\/v1\/genes\/SOD1$/ } })
  t.match(textOf(gene), 'source [')
  t.match((await call(client, 'lookup_code', { system: 'orphanet', code: '803' })).structuredContent, { code: 'ORPHA:803' })

  const unknownSystem = await call(client, 'lookup_code', { system: 'loinc', code: '1234-5' })
  t.equal(unknownSystem.isError, true)
  t.match(textOf(unknownSystem), 'Unknown coding system "loinc"')
  const unknownCode = await call(client, 'lookup_code', { system: 'icd10', code: 'I10' })
  t.equal(unknownCode.isError, true)
  t.match(textOf(unknownCode), 'holds nothing for icd10 code "I10"')
})

t.test('list_treatments, list_genes, list_symptoms: filtered, paged, each item with its sources', async (t) => {
  const { client } = await connect(t)
  const approved = await call(client, 'list_treatments', { status: 'approved' })
  checkProvenance(t, approved)
  t.ok(approved.structuredContent.total > 0)
  t.ok(approved.structuredContent.items.every((item: Json) => item.status === 'approved'))
  t.match(approved.structuredContent.items.find((item: Json) => item.id === 'riluzole'), { name: 'Riluzole', approvals: [{ agency: /\S/ }], citations: [citationShape], link: /\/v1\/treatments\/riluzole$/ })
  t.match(textOf(approved), /\(riluzole\) Riluzole \[drug, approved, evidence: \w+\]/)
  const drugs = await call(client, 'list_treatments', { kind: 'drug', limit: 1 })
  t.equal(drugs.structuredContent.items.length, 1)
  t.equal(drugs.structuredContent.nextOffset, 1)
  const all = await call(client, 'list_treatments')
  t.ok(all.structuredContent.total > approved.structuredContent.total, 'no filter, no arguments at all')

  const genes = await call(client, 'list_genes', { lang: 'tr', limit: 50 })
  checkProvenance(t, genes, 'tr')
  t.match(genes.structuredContent.items.find((item: Json) => item.id === 'sod1'), { symbol: 'SOD1', hgnc: 'HGNC:11179', inheritance: ['autosomal-dominant'], citations: [citationShape] })
  t.ok(genes.structuredContent.items.some((item: Json) => item.familialShare === undefined), 'optional fields are left out when absent')
  t.match(textOf(genes), /\(sod1\) SOD1 \(HGNC:11179/)
  const recessive = await call(client, 'list_genes', { inheritance: 'autosomal-recessive' })
  t.ok(recessive.structuredContent.items.every((item: Json) => item.inheritance.includes('autosomal-recessive')))

  const bulbar = await call(client, 'list_symptoms', { region: 'bulbar' })
  checkProvenance(t, bulbar)
  t.ok(bulbar.structuredContent.total > 0)
  t.ok(bulbar.structuredContent.items.every((item: Json) => item.region === 'bulbar' && /^HP:\d{7}$/.test(item.hpo)))
  t.match(textOf(bulbar), /motor neuron, HP:\d{7}\]/)
})

t.test('bad arguments are tool errors the model can read, never a crash; an unknown tool is a protocol error', async (t) => {
  const { client } = await connect(t)
  const cases: Array<[string, Record<string, unknown> | undefined, RegExp]> = [
    ['search', undefined, /arguments must have required propert/],
    ['search', { query: '' }, /query must not have fewer than 1 characters/],
    ['search', { query: '""' }, /at least one letter or digit/],
    ['search', { query: 'als', limit: 99 }, /limit must be <= 20/],
    ['search', { query: 'als', lang: 'fr' }, /lang must be one of en, tr/],
    ['search', { query: 'als', colour: 'red' }, /unknown argument colour/],
    ['get_topic', { topic: 'astrology' }, /topic must be one of definition, symptoms/],
    ['get_statement', { id: 42 }, /id must be string/],
    ['list_treatments', { status: 'miraculous' }, /status must be one of approved/],
    ['list_genes', { offset: -1 }, /offset must be >= 0/]
  ]
  for (const [name, args, message] of cases) {
    const result = await call(client, name, args)
    t.equal(result.isError, true, `${name} ${JSON.stringify(args)}`)
    t.match(textOf(result), message)
  }
  await t.rejects(call(client, 'rm_rf', {}), /Unknown tool "rm_rf"/)
  t.match(await call(client, 'search', { query: 'als' }), { isError: undefined }, 'the server is still there')
})

t.test('resources: the topics from the store, read as JSON in either language; statements by template', async (t) => {
  const { client } = await connect(t)
  const { resources } = await client.listResources()
  t.same(resources.map((resource) => resource.uri), TOPIC_IDS.map((id) => `als://topics/${id}`))
  for (const resource of resources) t.match(resource, { mimeType: 'application/json', title: /\S/, description: /\S/ })
  const { resourceTemplates } = await client.listResourceTemplates()
  t.same(resourceTemplates.map((template) => template.uriTemplate), ['als://topics/{id}{?lang}', 'als://statements/{id}{?lang}'])

  const english = await client.readResource({ uri: 'als://topics/symptoms' })
  t.match(english.contents[0], { uri: 'als://topics/symptoms', mimeType: 'application/json' })
  t.match(JSON.parse((english.contents[0] as { text: string }).text), { id: 'symptoms', lang: 'en', provenance: { disclaimer: /\S/ } })
  const turkish = await client.readResource({ uri: 'als://topics/symptoms?lang=tr' })
  t.match(JSON.parse((turkish.contents[0] as { text: string }).text), { id: 'symptoms', lang: 'tr' })
  const claim = await client.readResource({ uri: 'als://statements/riluzole-survival-gain?lang=tr' })
  t.match(JSON.parse((claim.contents[0] as { text: string }).text), { id: 'riluzole-survival-gain', lang: 'tr', references: [{ citation: /\S/ }], provenance: { lastReviewed: /\d{4}/ } })

  for (const uri of ['als://topics/astrology', 'als://statements/nope', 'als://topics/symptoms?lang=fr', 'https://example.org/', 'als://genes/sod1']) {
    await t.rejects(client.readResource({ uri }), { code: -32002 }, uri)
  }
})

t.test('HTTP: stateless JSON answers, GET is 405, CORS preflight allows MCP headers, body limit', async (t) => {
  const { address } = await connect(t)
  const post = (body: unknown, headers: Record<string, string> = {}) => fetch(`${address}/mcp`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  const listTools = { jsonrpc: '2.0', id: 7, method: 'tools/list' }
  for (const accept of [undefined, '*/*', 'application/json, text/event-stream']) {
    const res = await post(listTools, accept === undefined ? {} : { accept })
    t.equal(res.status, 200, `Accept: ${String(accept)}`)
    t.match(res.headers.get('content-type'), /^application\/json/)
    t.equal(res.headers.get('cache-control'), 'no-store')
    t.equal(res.headers.get('access-control-allow-origin'), '*')
    t.ok(res.headers.get('x-request-id'))
    t.equal(res.headers.get('mcp-session-id'), null, 'no session')
    t.match(await res.json(), { jsonrpc: '2.0', id: 7, result: { tools: [{ name: 'search' }] } })
  }
  const notAcceptable = await post(listTools, { accept: 'application/json' })
  t.equal(notAcceptable.status, 406, 'the SDK wants both media types accepted')
  const version = await post(listTools, { 'mcp-protocol-version': '1999-01-01' })
  t.equal(version.status, 400)
  t.match(await version.json(), { error: { message: /Unsupported protocol version/ } })
  const notification = await post({ jsonrpc: '2.0', method: 'notifications/initialized' })
  t.equal(notification.status, 202)

  const get = await fetch(`${address}/mcp`, { headers: { accept: 'text/event-stream' } })
  t.equal(get.status, 405)
  t.equal(get.headers.get('allow'), 'POST')
  t.match(get.headers.get('content-type'), /^application\/problem\+json/)

  const preflight = await fetch(`${address}/mcp`, { method: 'OPTIONS', headers: { origin: 'https://chat.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, mcp-protocol-version' } })
  t.equal(preflight.status, 204)
  t.match(preflight.headers.get('access-control-allow-methods'), /POST/)
  t.match(preflight.headers.get('access-control-allow-headers'), /Content-Type.*MCP-Protocol-Version/)
  const withQuery = await fetch(`${address}/mcp?client=web`, { method: 'OPTIONS', headers: { origin: 'https://chat.example', 'access-control-request-method': 'POST' } })
  t.match(withQuery.headers.get('access-control-allow-methods'), /POST/)
  const other = await fetch(`${address}/v1/topics`, { method: 'OPTIONS', headers: { origin: 'https://chat.example', 'access-control-request-method': 'GET' } })
  t.notMatch(other.headers.get('access-control-allow-methods'), /POST/, 'the rest of the API stays read-only')

  const huge = await post({ ...listTools, params: { padding: 'x'.repeat(20_000) } })
  t.equal(huge.status, 413, 'the app body limit applies')
  t.match(huge.headers.get('content-type'), /^application\/problem\+json/)
  const notJson = await post('{"jsonrpc":', {})
  t.equal(notJson.status, 400)
  const notRpc = await post({ hello: 'world' })
  t.equal(notRpc.status, 400)
  t.match(await notRpc.json(), { type: '/problems/invalid-parameter' })
})

t.test('MCP requests count against the same rate limit as the rest of the API', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT, limits: { rateLimit: { max: 2, timeWindow: 60_000 } } })
  const send = () => app.inject({ method: 'POST', url: '/mcp', headers: { 'content-type': 'application/json' }, payload: { jsonrpc: '2.0', id: 1, method: 'tools/list' } })
  t.equal((await send()).statusCode, 200)
  t.equal((await send()).statusCode, 200)
  const limited = await send()
  t.equal(limited.statusCode, 429)
  t.ok(limited.headers['retry-after'])
})

t.test('fuzzing the tools: any arguments give a result that fits the output schema, or a tool error; never a crash', async (t) => {
  const { client } = await connect(t)
  const { tools } = await client.listTools()
  const value = fc.oneof(
    fc.constantFrom('riluzole', 'G12.21', 'hgnc', '2.16.840.1.113883.6.90', 'diagnosis', 'tr', 'en', 'approved', 'bulbar', 'overview', '', '"', 'NEAR(', '\u0000', 'a'.repeat(300)),
    fc.string({ maxLength: 30 }), fc.integer({ min: -5, max: 200 }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })
  )
  for (const tool of tools) {
    const keys = [...Object.keys(tool.inputSchema.properties ?? {}), 'extra']
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }), async (args) => {
      const result = await call(client, tool.name, args)
      if (result.isError === true) {
        if (!/\S/.test(textOf(result))) throw new Error(`an empty error for ${JSON.stringify(args)}`)
      } else if (result.structuredContent?.provenance?.disclaimer === undefined) {
        throw new Error(`no provenance for ${JSON.stringify(args)}`)
      }
    }), { numRuns: 40, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true })
    t.pass(`${tool.name}: 40 random calls`)
  }
})
