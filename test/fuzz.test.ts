/**
 * Property-based fuzzing from the spec: for every operation in openapi.yaml, fast-check generates requests — valid,
 * boundary and malformed parameters, odd and huge headers, unicode and FTS5 syntax — and the API must never answer
 * 5xx, must answer only statuses the spec documents, with bodies valid against the documented schema, and every
 * error must be problem+json.
 */
import t from 'tap'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'
import { OPENAPI_PATH } from '../src/cli/openapi.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'
import { buildTestApp } from './helpers.ts'

interface ParameterSpec { name: string, in: 'query' | 'path' | 'header', required?: boolean, schema: Record<string, unknown> & { enum?: unknown[], examples?: unknown[], type?: string } }
interface ResponseSpec { content?: Record<string, { schema: unknown }> }
interface Operation { operationId: string, parameters?: ParameterSpec[], responses: Record<string, ResponseSpec> }

/**
 * A path parameter as one path segment. `.` and `..` (even as `%2E`) are dot-segments that any URL parser resolves
 * away (RFC 3986 §5.2.4, WHATWG URL), so no client can send them as a value: they become `._` and `.._`.
 */
function pathSegment (value: string): string {
  return encodeURIComponent(value === '.' || value === '..' ? `${value}_` : value)
}

const RUNS_TOTAL = Number(process.env.FUZZ_RUNS ?? 3000)
const spec = parse(readFileSync(OPENAPI_PATH, 'utf8')) as { paths: Record<string, Record<string, Operation>>, components: unknown }
// The reads. POST /mcp, the one operation that is not, speaks JSON-RPC: its tools are fuzzed in mcp.test.ts.
const operations = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
  .filter(({ method }) => method !== 'post')

/** Statuses any operation may give although no operation documents them: they come before routing. */
const GENERIC_STATUSES = new Set([414])

const Ajv = Ajv2020.default
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats.default(ajv)
ajv.addSchema({ $id: 'spec', components: spec.components })
const validators = new Map<string, ReturnType<typeof ajv.compile>>()
function validatorFor (schema: unknown): ReturnType<typeof ajv.compile> {
  const key = JSON.stringify(schema)
  let validate = validators.get(key)
  if (validate === undefined) {
    validate = ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"spec#/components/')))
    validators.set(key, validate)
  }
  return validate
}
const problemValidator = validatorFor({ $ref: '#/components/schemas/Problem' })

// Strings meant to break things: FTS5 query syntax, SQL, markup, unicode tricks, path tricks, percent-encoding.
const NASTY = [
  '', ' ', '"', "'", '*', '"unterminated', 'NEAR(a b', 'a OR', 'AND', 'NOT x', '^start', 'col:value', '(', ')', '{a}',
  "'; DROP TABLE topics; --", '%', '%00', '\u0000', '../../etc/passwd', '<script>alert(1)</script>', 'javascript:alert(1)',
  '\u202Eevil', '\uFEFF', '\u200B', 'İstanbul', 'ğüşiöç', '🧠🧬', 'a'.repeat(200), 'a'.repeat(201), 'a'.repeat(1001),
  'symptoms,symptoms', 'en,tr', 'EN', 'tr-TR', '-1', '0', '1e309', 'NaN', 'null', 'true', '[]', '{}', '__proto__', 'constructor'
]
const junk = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 })
)

const ACCEPT = ['*/*', 'application/json', 'application/*', 'application/json;q=0', 'application/json;q=0, */*', 'text/html', 'text/plain',
  'application/problem+json', 'application/json;q=x', ';;;', ',,,', 'image/png, */*;q=0.1', 'a'.repeat(4000)]
const ACCEPT_LANGUAGE = ['*', '*;q=x', 'tr', 'en', 'tr-TR,tr;q=0.9,en;q=0.8', 'de', 'en;q=0.5, tr', 'tr;q=0', ';q=1', 'x'.repeat(6000), ',,,,', 'tr;q=1.0001']
const headerValue = (known: string[]) => fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 60 }).map((value) => value.replace(/[^\x20-\x7e]/g, '')))

function knownValues (parameter: ParameterSpec, sections: string[]): unknown[] {
  const schema = parameter.schema
  const values: unknown[] = [...(schema.enum ?? []), ...(schema.examples ?? [])]
  if (parameter.name === 'topic') values.push(...TOPIC_IDS)
  if (parameter.name === 'sections') values.push(...sections, sections.slice(0, 2).join(','))
  if (schema.type === 'integer' || schema.type === 'number') values.push(schema.minimum, schema.maximum, 0, -1, 1)
  return values.filter((value) => value !== undefined)
}

function parameterArbitrary (parameter: ParameterSpec, sections: string[]): fc.Arbitrary<string | undefined> {
  const known = knownValues(parameter, sections).map(String)
  const value = fc.oneof({ weight: 3, arbitrary: known.length > 0 ? fc.constantFrom(...known) : junk }, { weight: 2, arbitrary: junk })
  // An empty path segment is another operation's URL (`/v1/topics/` is the list): that one is fuzzed on its own.
  if (parameter.in === 'path') return value.filter((candidate) => candidate !== '')
  return parameter.required === true ? value : fc.option(value, { nil: undefined, freq: 3 })
}

t.test(`fuzzing every operation in openapi.yaml (${RUNS_TOTAL} requests)`, async (t) => {
  const app = await buildTestApp(t)
  const sections = [...new Set((await Promise.all(TOPIC_IDS.map(async (id) => (await app.inject({ url: `/v1/topics/${id}` })).json() as { sections: Array<{ id: string }> })))
    .flatMap((topic) => topic.sections.map((section) => section.id)))]
  t.ok(operations.length >= 5, 'the spec has operations')
  const runs = Math.max(50, Math.floor(RUNS_TOTAL / operations.length))
  const seen = new Map<string, Set<number>>()

  for (const { path, method, operation } of operations) {
    const parameters = operation.parameters ?? []
    const request = fc.record({
      method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD'),
      values: fc.tuple(...parameters.map((parameter) => parameterArbitrary(parameter, sections))),
      extraQuery: fc.option(fc.tuple(fc.constantFrom('q', 'limit', 'x', '__proto__', 'lang[]'), junk), { nil: undefined, freq: 4 }),
      accept: fc.option(headerValue(ACCEPT), { nil: undefined }),
      acceptLanguage: fc.option(headerValue(ACCEPT_LANGUAGE), { nil: undefined }),
      acceptEncoding: fc.option(fc.constantFrom('gzip', 'br', 'br;q=0, gzip', 'identity', '*', 'x'.repeat(3000)), { nil: undefined }),
      ifNoneMatch: fc.option(fc.constantFrom('*', '"nope"', 'W/"x"', '', 'garbage, "a"'), { nil: undefined, freq: 4 })
    })
    t.equal(method, 'get', `${path}: the API only reads`)
    await fc.assert(fc.asyncProperty(request, async (input) => {
      let url = path
      const query = new URLSearchParams()
      parameters.forEach((parameter, index) => {
        const value = input.values[index]
        if (value === undefined) return
        if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, pathSegment(value))
        else if (parameter.in === 'query') query.append(parameter.name, value)
      })
      if (input.extraQuery !== undefined) query.append(input.extraQuery[0], input.extraQuery[1])
      const search = query.toString()
      const headers: Record<string, string> = {}
      if (input.accept !== undefined) headers.accept = input.accept
      if (input.acceptLanguage !== undefined) headers['accept-language'] = input.acceptLanguage
      if (input.acceptEncoding !== undefined) headers['accept-encoding'] = input.acceptEncoding
      if (input.ifNoneMatch !== undefined) headers['if-none-match'] = input.ifNoneMatch
      const res = await app.inject({ method: input.method as 'GET' | 'HEAD', url: search === '' ? url : `${url}?${search}`, headers })
      const where = `${input.method} ${res.statusCode} ${url}?${search} ${JSON.stringify(headers).slice(0, 300)}`
      const status = res.statusCode
      let statuses = seen.get(path)
      if (statuses === undefined) seen.set(path, statuses = new Set())
      statuses.add(status)

      // 501 is oEmbed's documented answer to an unsupported format (oEmbed 1.0, section 2.3.4); any other 5xx is a bug.
      if (status >= 500 && !(status === 501 && operation.responses['501'] !== undefined)) throw new Error(`5xx: ${where}: ${res.body.slice(0, 300)}`)
      if (status === 304) {
        if (input.ifNoneMatch === undefined || res.headers.etag === undefined) throw new Error(`304 without a validator: ${where}`)
        return
      }
      const documented = operation.responses[String(status)]
      if (documented === undefined && !GENERIC_STATUSES.has(status)) throw new Error(`undocumented status: ${where}`)
      const type = String(res.headers['content-type'] ?? '').split(';')[0] ?? ''
      // Every error is problem+json, or the other form of it an operation documents (Infobutton's problem+xml for Atom
      // clients); a browser (Accept: text/html) gets an embed URL's errors as a page its frame can show.
      const errorPage = status >= 400 && type === 'text/html' && path.startsWith('/embed/')
      if (status >= 400 && type !== 'application/problem+json' && !errorPage && documented?.content?.[type] === undefined) throw new Error(`an error that is not problem+json: ${where}`)
      if (input.method === 'HEAD') {
        if (res.body !== '') throw new Error(`HEAD with a body: ${where}`)
        return
      }
      if (errorPage) {
        if (!res.body.startsWith('<!doctype html>') || res.headers['content-security-policy'] === undefined) throw new Error(`an embed error page that is not one: ${where}`)
        return
      }
      const schema = documented?.content?.[type]?.schema
      if (documented !== undefined && schema === undefined) throw new Error(`undocumented media type ${type}: ${where}`)
      const validate = schema === undefined ? problemValidator : validatorFor(schema)
      // JSON bodies are parsed; an HTML embed page is validated as the string it is.
      const encoding = res.headers['content-encoding']
      const raw = encoding === 'br' ? brotliDecompressSync(res.rawPayload) : encoding === 'gzip' ? gunzipSync(res.rawPayload) : res.rawPayload
      if (encoding !== undefined && encoding !== 'br' && encoding !== 'gzip') throw new Error(`unexpected content coding ${String(encoding)}: ${where}`)
      const text = raw.toString('utf8')
      const body: unknown = type.endsWith('json') ? JSON.parse(text) : text
      if (!validate(body)) throw new Error(`body does not match the schema: ${where}: ${ajv.errorsText(validate.errors)}`)
    // The main route gets more runs: the check below that it reaches 200, 404 and 400 must not depend on luck now that
    // more operations share the total.
    }), { numRuns: path === '/v1/topics/{topic}' ? Math.max(runs, 400) : runs, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true })
  }
  t.ok(seen.get('/v1/topics/{topic}')?.has(200) && seen.get('/v1/topics/{topic}')?.has(404) && seen.get('/v1/topics/{topic}')?.has(400), 'the fuzzer reaches success and errors')
  t.ok(seen.get('/v1/topics')?.has(406), 'and 406')
})
