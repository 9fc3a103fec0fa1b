/**
 * Limits: per-client rate limit (429), load shedding (503), URL length (414), and the server options for body size,
 * header size (431) and timeouts. Every refusal is problem+json with the headers a client needs to back off.
 */
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { getHeapStatistics } from 'node:v8'
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import { Problem, ref } from '../../schemas/api.ts'
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemBody, type ProblemType } from '../http/problem.ts'

export const LIMIT_DEFAULTS = {
  /** In the spirit of openFDA's 240 requests per minute per client. */
  rateLimitMax: 240,
  rateLimitWindowMs: 60_000,
  maxEventLoopDelayMs: 1000,
  heapLimitBytes: getHeapStatistics().heap_size_limit,
  requestTimeoutMs: 15_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000
} as const

/** The API only reads: a request has no business carrying a body, a long URL or many headers. */
export const MAX_URL_LENGTH = 2048
export const MAX_HEADER_BYTES = 16 * 1024
export const BODY_LIMIT_BYTES = 16 * 1024
/** Seconds a shed client is asked to wait. */
export const SHED_RETRY_AFTER_SECONDS = 10
/** Probes stay answerable: an orchestrator must see the process alive, and a monitor must not be rate limited. */
const EXEMPT_ROUTES = new Set(['/health', '/ready'])

export interface LimitOptions {
  /** `false` turns the rate limit off (tests, or a gateway that limits upstream). */
  rateLimit: { max: number, timeWindow: number } | false
  /** `false` turns load shedding off; 0 turns one measure off. */
  underPressure: { maxEventLoopDelay: number, maxHeapUsedBytes: number, sampleInterval?: number } | false
  requestTimeout: number
  headersTimeout: number
  keepAliveTimeout: number
}

export function defaultLimits (): LimitOptions {
  return {
    rateLimit: { max: LIMIT_DEFAULTS.rateLimitMax, timeWindow: LIMIT_DEFAULTS.rateLimitWindowMs },
    underPressure: { maxEventLoopDelay: LIMIT_DEFAULTS.maxEventLoopDelayMs, maxHeapUsedBytes: Math.floor(LIMIT_DEFAULTS.heapLimitBytes * 0.9) },
    requestTimeout: LIMIT_DEFAULTS.requestTimeoutMs,
    headersTimeout: LIMIT_DEFAULTS.headersTimeoutMs,
    keepAliveTimeout: LIMIT_DEFAULTS.keepAliveTimeoutMs
  }
}

/** Errors Node's HTTP parser raises before Fastify sees a request, answered as problem+json on the raw socket. */
export function clientErrorHandler (error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const [status, type, detail]: [number, ProblemType, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'header-fields-too-large', `The request line and headers exceed ${MAX_HEADER_BYTES} bytes.`]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request-timeout', 'The request was not received in time.']
        : [400, 'bad-request', 'The request could not be parsed as HTTP/1.1.']
  const body = JSON.stringify(problemBody(status, type, detail, '/'))
  /* c8 ignore next 4 - a client may vanish between the parse error and the answer */
  if (!socket.writable) {
    socket.destroy()
    return
  }
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`)
}

/** Fastify server options that follow from the limits. */
export function serverOptions (limits: LimitOptions) {
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    // A connection that sends nothing at all is dropped after twice the request timeout.
    connectionTimeout: limits.requestTimeout * 2,
    http: { maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: limits.headersTimeout },
    clientErrorHandler
  }
}

function documentRefusals (app: FastifyInstance, limits: LimitOptions): void {
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref(Problem) } } })
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { hide?: boolean, response?: Record<string, unknown> } | undefined
    if (schema?.response === undefined || schema.hide === true) return
    if (limits.rateLimit !== false && !EXEMPT_ROUTES.has(route.url)) {
      schema.response[429] ??= problem('Too many requests from this client: wait for `Retry-After` seconds. `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` describe the limit.')
    }
    if (limits.underPressure !== false) schema.response[503] ??= problem('The server is overloaded: try again after `Retry-After` seconds.')
  })
}

async function limitsPlugin (app: FastifyInstance, limits: LimitOptions): Promise<void> {
  documentRefusals(app, limits)

  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.length > MAX_URL_LENGTH) {
      done(new HttpProblem(414, 'uri-too-long', `The URL is ${request.url.length} characters long; at most ${MAX_URL_LENGTH} are accepted.`))
      return
    }
    done()
  })

  if (limits.underPressure !== false) {
    await app.register(underPressure, {
      maxEventLoopDelay: limits.underPressure.maxEventLoopDelay,
      maxHeapUsedBytes: limits.underPressure.maxHeapUsedBytes,
      sampleInterval: limits.underPressure.sampleInterval,
      retryAfter: SHED_RETRY_AFTER_SECONDS,
      pressureHandler: (request, _reply, type, value) => {
        // Liveness answers under load (the process is alive); readiness sheds, taking the instance out of rotation.
        if (request.routeOptions.url === '/health') return undefined
        request.log.warn({ pressure: type, value }, 'shedding load')
        return Promise.reject(new HttpProblem(503, 'service-unavailable', 'The server is overloaded; try again shortly.', {}, { 'retry-after': String(SHED_RETRY_AFTER_SECONDS) }))
      }
    })
  }

  if (limits.rateLimit !== false) {
    // Before the rate limit's own onRoute hook reads it: the probes get no limiter hook at all (cheaper than an
    // allow-list function called on every request).
    app.addHook('onRoute', (route) => {
      if (EXEMPT_ROUTES.has(route.url)) route.config = { ...route.config, rateLimit: false }
    })
    await app.register(rateLimit, {
      max: limits.rateLimit.max,
      timeWindow: limits.rateLimit.timeWindow,
      enableDraftSpec: true,
      errorResponseBuilder: (_request, context) => new HttpProblem(429, 'too-many-requests',
        `At most ${context.max} requests per ${context.after} are allowed from one client; try again in ${Math.ceil(context.ttl / 1000)} seconds.`)
    })
  }
}

export default fp(limitsPlugin, { name: 'limits', fastify: '5.x', dependencies: ['errors'] })
