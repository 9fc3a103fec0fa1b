/**
 * Every example in the spec is real. For each operation of the generated spec — today's and any route added later —
 * a request is built from its documented examples (path and query parameters, and the request body's example), as
 * Swagger UI's "Try it out" fills them in, and sent to the app on the real content: it must get the documented
 * success status, a documented media type, and (for JSON) a body valid against the documented schema. Each optional
 * parameter is also tried alone, with the required ones.
 */
import t from 'tap'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'

interface Parameter { name: string, in: string, required?: boolean, example?: unknown, examples?: Record<string, { value: unknown }>, schema?: { default?: unknown } }
interface MediaType { schema?: unknown, example?: unknown, examples?: Record<string, { value: unknown }> }
interface Operation {
  operationId?: string
  parameters?: Parameter[]
  requestBody?: { required?: boolean, content?: Record<string, MediaType> }
  responses: Record<string, { content?: Record<string, MediaType> }>
}
interface Spec { paths: Record<string, Record<string, Operation>>, components: unknown }

const METHODS = ['get', 'post', 'put', 'patch', 'delete']

function exampleOf (parameter: Parameter): unknown {
  if (parameter.example !== undefined) return parameter.example
  const named = Object.values(parameter.examples ?? {})[0]
  return named?.value
}

function bodyExample (operation: Operation): { type: string, value: unknown } | undefined {
  const [type, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? []
  if (type === undefined || media === undefined) return undefined
  const value = media.example ?? Object.values(media.examples ?? {})[0]?.value
  return value === undefined ? undefined : { type, value }
}

/** Operations whose query parameters are a group, tried only together (see the comment in the test). */
const TOGETHER = new Set(['infobutton'])

/** MCP's Streamable HTTP transport requires clients to accept both JSON and an event stream, whichever it answers. */
function acceptFor (operationId: string | undefined, documented: string[]): string {
  const types = operationId === 'mcp' ? [...documented, 'text/event-stream'] : documented
  return types.join(', ') || '*/*'
}

t.test('every operation answers its documented examples with its documented success', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  await app.ready()
  const spec = app.swagger() as unknown as Spec
  const Ajv = Ajv2020.default
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'spec', components: spec.components })
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>()
  const validatorFor = (schema: unknown) => {
    const text = JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/')
    let validate = compiled.get(text)
    if (validate === undefined) compiled.set(text, validate = ajv.compile(JSON.parse(text)))
    return validate
  }

  let operations = 0
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method]
      if (operation === undefined) continue
      operations++
      const name = `${method.toUpperCase()} ${path} (${operation.operationId ?? 'no operationId'})`
      const success = Object.keys(operation.responses).filter((status) => /^2\d\d$/.test(status)).sort()[0]
      t.ok(success, `${name} documents a success status`)
      if (success === undefined) continue
      const documented = operation.responses[success]?.content ?? {}
      // A stream (server-sent events) never ends: it cannot be answered by inject.
      if (Object.keys(documented).length > 0 && Object.keys(documented).every((type) => type === 'text/event-stream')) continue

      const parameters = operation.parameters ?? []
      for (const parameter of parameters) {
        if (parameter.in === 'path' || parameter.in === 'query') t.not(exampleOf(parameter), undefined, `${name}: parameter "${parameter.name}" has an example`)
      }
      let url = path
      for (const parameter of parameters.filter((p) => p.in === 'path')) url = url.replace(`{${parameter.name}}`, encodeURIComponent(String(exampleOf(parameter))))
      const query = parameters.filter((p) => p.in === 'query' && exampleOf(p) !== undefined)
      const required = query.filter((p) => p.required === true)
      const optional = query.filter((p) => p.required !== true)
      const body = bodyExample(operation)
      if (operation.requestBody?.required === true) t.ok(body, `${name}: the request body has an example`)

      // All the examples at once (as "Try it out" fills them in), then each optional one alone, except where the
      // parameters only make sense as a group (HL7 Infobutton: a code needs its code system, or a name is given).
      const sets = TOGETHER.has(String(operation.operationId)) ? [query] : [query, required, ...optional.map((p) => [...required, p])]
      const seen = new Set<string>()
      for (const set of sets) {
        const search = new URLSearchParams(set.map((p) => [p.name, String(exampleOf(p))])).toString()
        const target = search === '' ? url : `${url}?${search}`
        if (seen.has(target)) continue
        seen.add(target)
        const res = await app.inject({
          method: method.toUpperCase() as 'GET',
          url: target,
          ...(body === undefined ? {} : { headers: { 'content-type': body.type, accept: acceptFor(operation.operationId, Object.keys(documented)) }, payload: JSON.stringify(body.value) })
        })
        t.equal(String(res.statusCode), success, `${name}: ${method.toUpperCase()} ${target} → ${res.statusCode} ${res.statusCode >= 400 ? res.body.slice(0, 300) : ''}`)
        const type = String(res.headers['content-type'] ?? '').split(';')[0] as string
        if (Object.keys(documented).length === 0) continue
        const media = documented[type]
        t.ok(media, `${name}: ${target} answers ${type}, a documented media type (${Object.keys(documented).join(', ')})`)
        if (media?.schema !== undefined && /json$/.test(type) && res.statusCode < 300) {
          const validate = validatorFor(media.schema)
          t.ok(validate(res.json()), `${name}: ${target} matches its schema: ${ajv.errorsText(validate.errors)}`)
        }
      }
    }
  }
  t.ok(operations >= 26, `${operations} operations tried`)
})
