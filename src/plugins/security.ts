/**
 * Security headers (helmet) and CORS. The API serves JSON to anyone: CORS is open for reading, and the default CSP
 * forbids everything, since no API response is meant to be rendered as a page. Swagger UI at /docs gets the CSP it
 * needs (same-origin scripts, styles and spec; inline styles and data: images) and nothing more. A route with other
 * needs (an embed page) sets its own `helmet` route option, which @fastify/helmet merges over these defaults.
 */
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'

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

async function security (app: FastifyInstance): Promise<void> {
  // Before helmet's own onRoute hook reads the option: Swagger UI's routes get the docs CSP.
  app.addHook('onRoute', (route) => {
    if (route.url === '/docs' || route.url.startsWith('/docs/')) {
      (route as { helmet?: unknown }).helmet = { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } }
    } else if (route.url.startsWith('/embed')) {
      // Embed pages are made to be framed by any site: they send their own CSP (frame-ancestors *), and no
      // X-Frame-Options, which would forbid exactly that.
      (route as { helmet?: unknown }).helmet = { contentSecurityPolicy: false, frameguard: false }
    }
  })
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    // Open data: other sites may load it (CORP), and the responses say nothing about who asked.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true }
  })
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'OPTIONS'],
    exposedHeaders: EXPOSED_HEADERS,
    allowedHeaders: ALLOWED_HEADERS,
    maxAge: 86_400,
    strictPreflight: false
  })
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
}

export default fp(security, { name: 'security', fastify: '5.x' })
