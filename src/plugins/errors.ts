/**
 * Every error leaves as RFC 9457 problem+json. 4xx say what was wrong; 5xx are logged in full and answered with a
 * masked message and the request id. Unknown routes are 404, known paths with another method 405 with `Allow`.
 */
import fp from 'fastify-plugin'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HttpProblem, PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, problemBody, type InvalidParam, type ProblemBody, type ProblemType } from '../http/problem.ts'
import { pathOf } from '../http/url.ts'
import { sendEmbedProblem, wantsEmbedErrorPage } from '../http/send.ts'

const CONTEXT_TO_LOCATION: Record<string, InvalidParam['in']> = { querystring: 'query', params: 'path', headers: 'header', body: 'body' }

interface ValidationIssue { instancePath: string, message?: string, params: Record<string, unknown>, keyword: string }
interface ParameterSchema { examples?: unknown[], format?: string }

/** What a pattern asks for, in words: a raw regular expression is never shown to a reader. */
const PATTERN_WORDS: Record<string, string> = {
  '^[A-Za-z]+(?:,[A-Za-z]+)*$': 'must be field names (letters only), separated by commas',
  '^[a-z0-9]+(?:-[a-z0-9]+)*$': 'must be an id of lowercase letters, digits and hyphens',
  '^[a-z0-9]+(?:-[a-z0-9]+)*(?:,[a-z0-9]+(?:-[a-z0-9]+)*)*$': 'must be ids of lowercase letters, digits and hyphens, separated by commas',
  '^HP:\\d{7}$': 'must be an HPO id: "HP:" and seven digits',
  '^HGNC:\\d+$': 'must be an HGNC id: "HGNC:" and digits'
}

const FORMAT_WORDS: Record<string, string> = {
  date: 'must be a date written YYYY-MM-DD',
  'date-time': 'must be a date and time (ISO 8601)',
  uri: 'must be an absolute URL'
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** An example of the parameter, from the route's own schema, to show what is accepted. */
function exampleOf (schema: ParameterSchema | undefined): string {
  const example = schema?.examples?.[0]
  return example === undefined ? '' : ` (for example "${String(example)}")`
}

/** AJV's complaint about one parameter, in words a reader understands. */
export function reasonFor (issue: ValidationIssue, schema?: ParameterSchema): string {
  const limit = issue.params.limit as number
  switch (issue.keyword) {
    case 'enum': return `must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}`
    case 'pattern': return `${PATTERN_WORDS[String(issue.params.pattern)] ?? 'is not in the accepted form'}${exampleOf(schema)}`
    case 'format': return `${FORMAT_WORDS[String(issue.params.format)] ?? 'is not in the accepted form'}${exampleOf(schema)}`
    case 'type': return issue.params.type === 'integer' ? 'must be a whole number' : `must be a ${String(issue.params.type)}`
    case 'minimum': return `must be at least ${limit}`
    case 'maximum': return `must be at most ${limit}`
    case 'minLength': return limit === 1 ? 'must not be empty' : `must be at least ${plural(limit, 'character')} long`
    case 'maxLength': return `must be at most ${plural(limit, 'character')} long`
    default: return issue.message ?? 'is invalid'
  }
}

function describeIssue (issue: ValidationIssue, properties: Record<string, ParameterSchema> | undefined): { name: string, reason: string } {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.')
  if (issue.keyword === 'required') return { name: [path, String(issue.params.missingProperty)].filter(Boolean).join('.'), reason: 'is required' }
  if (issue.keyword === 'additionalProperties') return { name: [path, String(issue.params.additionalProperty)].filter(Boolean).join('.'), reason: 'is not a known parameter' }
  return { name: path || '(root)', reason: reasonFor(issue, properties?.[path]) }
}

export function sendProblem (request: FastifyRequest, reply: FastifyReply, status: number, type: ProblemType, detail: string | undefined, extras: Partial<ProblemBody> = {}): FastifyReply {
  const body = problemBody(status, type, detail, pathOf(request.url), status >= 500 ? { ...extras, requestId: request.id } : extras)
  if (wantsEmbedErrorPage(request)) return sendEmbedProblem(request, reply, body)
  return reply.code(status).type(PROBLEM_CONTENT_TYPE).header('cache-control', 'no-store').send(JSON.stringify(body))
}

function typeForStatus (status: number): ProblemType {
  switch (status) {
    case 404: return 'not-found'
    case 405: return 'method-not-allowed'
    case 406: return 'not-acceptable'
    case 408: return 'request-timeout'
    case 413: return 'payload-too-large'
    case 414: return 'uri-too-long'
    case 415: return 'unsupported-media-type'
    case 429: return 'too-many-requests'
    case 503: return 'service-unavailable'
    default: return status >= 500 ? 'internal-error' : 'bad-request'
  }
}

/**
 * Errors the router raises before any route runs (a malformed percent-encoding, a path parameter longer than
 * `maxParamLength`): problem+json too. Passed to Fastify as `frameworkErrors`.
 */
export function frameworkErrorHandler (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendProblem(request, reply, 414, 'uri-too-long', 'A path segment of the URL is too long.')
  return sendProblem(request, reply, 400, 'bad-request', 'The URL is malformed (invalid percent-encoding).')
}

async function errors (app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.headers)) reply.header(name, value)
      return sendProblem(request, reply, error.status, error.problemType, error.message, error.extensions)
    }
    if (error.validation !== undefined) {
      const location = CONTEXT_TO_LOCATION[error.validationContext ?? 'querystring'] ?? 'query'
      const context = (error.validationContext ?? 'querystring') as 'querystring' | 'params'
      const properties = (request.routeOptions.schema?.[context] as { properties?: Record<string, ParameterSchema> } | undefined)?.properties
      const invalidParams = (error.validation as ValidationIssue[]).map((issue) => ({ ...describeIssue(issue, properties), in: location }))
      const allowed = (error.validation as ValidationIssue[]).map((issue) => issue.params.allowedValues).find(Array.isArray) as string[] | undefined
      const detail = invalidParams.map((param) => `${param.in} parameter "${param.name}" ${param.reason}`).join('; ')
      return sendProblem(request, reply, 400, 'invalid-parameter', `Invalid request: ${detail}.`, { invalidParams, ...(allowed === undefined ? {} : { allowed: allowed.map(String) }) })
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed')
      return sendProblem(request, reply, status, typeForStatus(status), status === 503 ? 'The service is temporarily unavailable.' : 'An unexpected error occurred.')
    }
    for (const [name, value] of Object.entries((error as { headers?: Record<string, string> }).headers ?? {})) reply.header(name, value)
    return sendProblem(request, reply, status, typeForStatus(status), error.message)
  })

  // Paths the app serves, with their methods, so that a known path with another method is a 405, not a 404.
  const routes: Array<{ pattern: RegExp, methods: Set<string> }> = []
  app.addHook('onRoute', (route) => {
    if (route.url.includes('*')) return
    const source = `^${route.url.split('/').map((part) => part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('/')}/?$`
    let entry = routes.find((candidate) => candidate.pattern.source === source)
    if (entry === undefined) {
      entry = { pattern: new RegExp(source), methods: new Set<string>() }
      routes.push(entry)
    }
    for (const method of [route.method].flat()) entry.methods.add(method)
  })

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url)
    const methods = new Set(routes.filter((route) => route.pattern.test(path)).flatMap((route) => [...route.methods]))
    if (methods.size > 0 && !methods.has(request.method)) {
      const allow = [...methods].sort().join(', ')
      reply.header('allow', allow)
      return sendProblem(request, reply, 405, 'method-not-allowed', `${request.method} is not allowed on ${path}; use ${allow}.`)
    }
    return sendProblem(request, reply, 404, 'not-found', `No resource at ${path}. The API lives under /v1; see /docs.`)
  })

  // A page per problem type, so that `type` URIs resolve to an explanation.
  app.get('/problems/:type', { schema: { hide: true } }, async (request, reply) => {
    const { type } = request.params as { type: string }
    if (!Object.hasOwn(PROBLEM_TYPES, type)) {
      return sendProblem(request, reply, 404, 'not-found', `Unknown problem type "${type}".`, { allowed: Object.keys(PROBLEM_TYPES) })
    }
    return { type: `/problems/${type}`, description: PROBLEM_TYPES[type as ProblemType] }
  })
}

export default fp(errors, { name: 'errors', fastify: '5.x' })
