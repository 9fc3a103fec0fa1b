/**
 * Security headers (helmet's) and CORS, set by one hook from header sets prepared at start.
 *
 * The API serves JSON to anyone: CORS is open for reading, and the default CSP forbids everything, since no API
 * response is meant to be rendered as a page. Swagger UI at /docs gets the CSP it needs (same-origin scripts, styles
 * and spec; inline styles and data: images) and nothing more. Embed pages (/embed…) are made to be framed by any
 * site: they send their own CSP (`frame-ancestors *`, see sendEmbedPage) and no X-Frame-Options.
 *
 * The header values are helmet's own: helmet's middleware is run once per kind of route, at start, against a
 * recording response, and the result is kept. Per request, one synchronous `onRequest` hook copies the prepared set
 * (with CORS and the request id) onto the reply. (@fastify/helmet and @fastify/cors compute the same headers per
 * request through a chain of a dozen middleware functions and a hook each: a fifth of the time of a small answer.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'

export const API_CSP = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"]
}

/** What Swagger UI (@fastify/swagger-ui) needs: its bundle and initializer are same-origin files, it fetches the spec. */
export const DOCS_CSP = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"]
}

export const EXPOSED_HEADERS = ['ETag', 'Content-Language', 'Link', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'X-Request-Id']
/** What a cross-origin client may send: negotiation, revalidation and its own request id. */
export const ALLOWED_HEADERS = ['Accept', 'Accept-Language', 'If-None-Match', 'X-Request-Id']
export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS']
/** Seconds a browser may cache a preflight answer. */
export const PREFLIGHT_MAX_AGE = 86_400

const HELMET_BASE = {
  // Open data: other sites may load it (CORP), and the responses say nothing about who asked.
  crossOriginResourcePolicy: { policy: 'cross-origin' as const },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'no-referrer' as const },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true }
} satisfies HelmetOptions

type HeaderSet = Readonly<Record<string, string>>

/** The headers helmet's middleware sets with these options, recorded once. */
export function helmetHeaders (options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const recorder = {
    setHeader (name: string, value: string | number) { headers[name.toLowerCase()] = String(value) },
    removeHeader (name: string) { delete headers[name.toLowerCase()] }
  }
  let done = false
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    /* c8 ignore next - helmet only fails on invalid options, which are fixed here */
    if (error !== undefined) throw error
    done = true
  })
  /* c8 ignore next - helmet's middleware is synchronous; this guards an upgrade that would change that */
  if (!done) throw new Error('helmet did not set its headers synchronously')
  return headers
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': EXPOSED_HEADERS.join(', ')
}

export const HEADER_SETS: Readonly<Record<'api' | 'docs' | 'embed', HeaderSet>> = {
  api: { ...helmetHeaders({ ...HELMET_BASE, contentSecurityPolicy: { useDefaults: false, directives: API_CSP } }), ...CORS_HEADERS },
  docs: { ...helmetHeaders({ ...HELMET_BASE, contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } }), ...CORS_HEADERS },
  embed: { ...helmetHeaders({ ...HELMET_BASE, contentSecurityPolicy: false, frameguard: false }), ...CORS_HEADERS }
}

const PREFLIGHT_HEADERS: HeaderSet = {
  'access-control-allow-methods': ALLOWED_METHODS.join(', '),
  'access-control-allow-headers': ALLOWED_HEADERS.join(', '),
  'access-control-max-age': String(PREFLIGHT_MAX_AGE)
}

/** The MCP endpoint is POSTed to, with JSON and the protocol's own headers: a browser-based MCP client needs them allowed. */
export const MCP_ALLOWED_METHODS = ['GET', 'POST', 'OPTIONS']
export const MCP_ALLOWED_HEADERS = [...ALLOWED_HEADERS, 'Content-Type', 'MCP-Protocol-Version', 'Mcp-Session-Id', 'Last-Event-ID']
const MCP_PREFLIGHT_HEADERS: HeaderSet = {
  'access-control-allow-methods': MCP_ALLOWED_METHODS.join(', '),
  'access-control-allow-headers': MCP_ALLOWED_HEADERS.join(', '),
  'access-control-max-age': String(PREFLIGHT_MAX_AGE)
}

/** Swagger UI's pages and files: `/docs`, `/docs/…`, with or without a query. */
function isDocsPath (url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?')
}

/** Which set a request gets: by the route it matched (an unknown URL under /embed is an API error, not a page). */
function headerSetFor (request: FastifyRequest): HeaderSet {
  const url = request.url
  if (isDocsPath(url) && !request.is404) return HEADER_SETS.docs
  if (url.startsWith('/embed') && !request.is404) return HEADER_SETS.embed
  return HEADER_SETS.api
}

function setHeaders (reply: FastifyReply, headers: HeaderSet): void {
  for (const name in headers) reply.header(name, headers[name])
}

function securityHeaders (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  setHeaders(reply, headerSetFor(request))
  reply.header('x-request-id', request.id)
  // A CORS preflight is answered here, whatever the path: the actual request gets its own answer.
  if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
    setHeaders(reply, request.url === '/mcp' || request.url.startsWith('/mcp?') ? MCP_PREFLIGHT_HEADERS : PREFLIGHT_HEADERS)
    reply.code(204).header('content-length', '0').send()
    return
  }
  done()
}

async function security (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', securityHeaders)
}

export default fp(security, { name: 'security', fastify: '5.x' })
