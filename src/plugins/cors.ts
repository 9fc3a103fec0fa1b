/**
 * CORS, open for reading: any origin may GET (and HEAD) the API and read the headers clients need. Preflights
 * (e.g. for `If-None-Match`) are answered for GET and HEAD only. No credentials: the API sets no cookies.
 */
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

export const CORS_ALLOW_METHODS = 'GET, HEAD, OPTIONS'
export const CORS_ALLOW_HEADERS = 'Accept, Accept-Language, If-None-Match, X-Request-Id'
export const CORS_EXPOSE_HEADERS = 'ETag, Content-Language, Link, Retry-After, X-Request-Id'

async function cors (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') return
    reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', CORS_EXPOSE_HEADERS)
  })

  app.options('*', { schema: { hide: true } }, async (request, reply) => {
    reply.header('allow', CORS_ALLOW_METHODS)
    if (request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined) {
      reply
        .header('access-control-allow-methods', CORS_ALLOW_METHODS)
        .header('access-control-allow-headers', CORS_ALLOW_HEADERS)
        .header('access-control-max-age', '86400')
        .header('vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers')
    }
    return reply.code(204).send()
  })
}

export default fp(cors, { name: 'cors', fastify: '5.x' })
