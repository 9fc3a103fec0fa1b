/**
 * Swagger UI at /docs, mounted on first use.
 *
 * @fastify/swagger-ui and the static-file server under it (@fastify/static, send, mime) took about a seventh of the
 * start-up time, for pages that few clients of an API ever open. So the main app only registers `/docs` and
 * `/docs/*`; the first request under them loads Swagger UI into a small Fastify instance of its own, lent the app's
 * OpenAPI document, and every answer it gives is kept like a representation of the content: prepared once per path,
 * with a strong ETag (304 on `If-None-Match`), and compressed once with br or gzip. Swagger UI's files and pages are
 * fixed for the life of the process, so nothing is computed twice. A path it does not have is this API's 404.
 */
import { createRequire } from 'node:module'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { prepareBytes, type Prepared } from '../db/store.ts'
import { sendPrepared } from '../http/send.ts'
import { HttpProblem } from '../http/problem.ts'
import { pathOf } from '../http/url.ts'

/**
 * Swagger UI is loaded with require() when first needed, not by import(): the bundle runs from V8's code cache
 * (src/cli/start.ts), and on Node 20 a script compiled from that cache cannot import() dynamically.
 */
const requireHere = createRequire(import.meta.url)

export const DOCS_PREFIX = '/docs'
export const DOCS_CACHE_CONTROL = 'public, max-age=300'
/**
 * The paths Swagger UI answers are plain: `/docs/`, `/docs/json`, `/docs/static/swagger-ui-bundle.js`. Anything else
 * (`.` or `..` segments, doubled slashes, escapes) is a 404 here, so that one file cannot be kept under many names.
 */
const PLAIN_PATH = new RegExp(`^${DOCS_PREFIX}(?:/[\\w-]+(?:\\.[\\w-]+)*)*/?$`)
/** Answers kept at most: Swagger UI has about fifteen. */
export const MAX_DOCS_ANSWERS = 64

/** The API's own mark: a ribbon (the ALS awareness colours) and the API's name, for the top bar and the tab. */
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d3557"/>' +
  '<path d="M16 5c-4 0-6 3-5 7l8 15 3-2-7-13c-.5-2 .4-4 1-4s1.5 2 1 4l-7 13 3 2 8-15c1-4-1-7-5-7z" fill="#f4a261"/></svg>'
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 260 40" width="260" height="40">' +
  '<g transform="translate(4 4)">' + ICON.replace(/<svg[^>]*>|<\/svg>/g, '') + '</g>' +
  '<text x="44" y="27" font-family="system-ui,sans-serif" font-size="19" font-weight="600" fill="#ffffff">ALS Reference API</text></svg>'

/** What Swagger UI is told; the same settings as when it was registered on the app itself. */
export const SWAGGER_UI_OPTIONS = {
  routePrefix: DOCS_PREFIX,
  uiConfig: { docExpansion: 'list' as const, deepLinking: true, tryItOutEnabled: false },
  staticCSP: false,
  // The page names the API, not "Swagger UI", and carries the API's mark; the logo links to the index of the API.
  theme: {
    title: 'ALS Reference API — documentation',
    favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: Buffer.from(ICON) }]
  },
  logo: { type: 'image/svg+xml', content: Buffer.from(LOGO), href: '/v1', target: '_self' as const }
}

export interface DocsOptions {
  /** The app's OpenAPI document, as an object or as YAML: the app's own `swagger()`. */
  document: FastifyInstance['swagger']
}

interface DocsAnswer {
  status: number
  contentType: string
  location?: string
  prepared?: Prepared
}

/** Text types are compressed; images and anything else are sent as they are. */
function isText (contentType: string): boolean {
  return /^(?:text\/|application\/(?:javascript|json|yaml|x-yaml)|image\/svg\+xml)/.test(contentType)
}

/** Swagger UI in an instance of its own, lent the app's document in place of @fastify/swagger. */
export async function mountSwaggerUi (document: DocsOptions['document']): Promise<FastifyInstance> {
  const { default: swaggerUi } = requireHere('@fastify/swagger-ui') as typeof import('@fastify/swagger-ui')
  const inner = Fastify({ logger: false })
  // @fastify/swagger-ui depends on @fastify/swagger only for `fastify.swagger()`, which serves the document.
  await inner.register(fp(async (instance: FastifyInstance) => {
    instance.decorate('swagger', document)
  }, { name: '@fastify/swagger' }))
  await inner.register(swaggerUi, SWAGGER_UI_OPTIONS)
  await inner.ready()
  return inner
}

function notFound (path: string): HttpProblem {
  return new HttpProblem(404, 'not-found', `There is nothing at ${path}. The API's documentation is at ${DOCS_PREFIX}/.`)
}

async function docs (app: FastifyInstance, options: DocsOptions): Promise<void> {
  let inner: Promise<FastifyInstance> | undefined
  /** Answers by path: Swagger UI has a fixed set of them, so this stays small. */
  const answers = new Map<string, Promise<DocsAnswer>>()

  const answer = async (path: string): Promise<DocsAnswer> => {
    inner ??= mountSwaggerUi(options.document)
    const response = await (await inner).inject({ method: 'GET', url: path })
    const contentType = String(response.headers['content-type'] ?? 'application/octet-stream')
    if (response.statusCode !== 200) {
      return { status: response.statusCode, contentType, location: response.headers.location as string | undefined }
    }
    return { status: 200, contentType, prepared: prepareBytes(response.rawPayload, isText(contentType)) }
  }

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request.url)
    if (!PLAIN_PATH.test(path)) throw notFound(path)
    let pending = answers.get(path)
    if (pending === undefined) {
      // Only what Swagger UI has is kept; a miss (or a failure) is answered and forgotten.
      const forget = () => answers.delete(path)
      pending = answer(path).then((found) => {
        if (found.status !== 200) forget()
        return found
      }, /* c8 ignore next 4 - Swagger UI's own instance failing to start or answer */
      (error: unknown) => {
        forget()
        throw error
      })
      if (answers.size < MAX_DOCS_ANSWERS) answers.set(path, pending)
    }
    const found = await pending
    if (found.prepared !== undefined) {
      return sendPrepared(request, reply, found.prepared, { contentType: found.contentType, cacheControl: DOCS_CACHE_CONTROL })
    }
    if (found.status >= 300 && found.status < 400 && found.location !== undefined) {
      return reply.code(found.status).header('location', found.location).send()
    }
    throw notFound(path)
  }

  app.get(DOCS_PREFIX, { schema: { hide: true } }, handler)
  app.get(`${DOCS_PREFIX}/*`, { schema: { hide: true } }, handler)
  app.addHook('onClose', async () => {
    if (inner !== undefined) await (await inner).close()
  })
}

export default fp(docs, { name: 'docs', fastify: '5.x' })
