/**
 * Limits: per-client rate limit (429), load shedding (503), URL length (414), and the server options for body size,
 * header size (431) and timeouts. Every refusal is problem+json with the headers a client needs to back off.
 */
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { getHeapStatistics } from 'node:v8'
import fp from 'fastify-plugin'
import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import { Problem, ref } from '../../schemas/api.ts'
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemBody, type ProblemType } from '../http/problem.ts'
import { pathOf } from '../http/url.ts'

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
/** Clients counted in one window at most; beyond, the counts start again (memory stays bounded under a flood). */
export const MAX_TRACKED_CLIENTS = 100_000

function isProbe (url: string): boolean {
  const path = pathOf(url)
  return EXEMPT_ROUTES.has(path.endsWith('/') ? path.slice(0, -1) : path)
}

/** "1 minute", "30 seconds", "1500 ms": the window as a person reads it. */
export function formatWindow (ms: number): string {
  const [amount, unit] = ms % 60_000 === 0 ? [ms / 60_000, 'minute'] : ms % 1000 === 0 ? [ms / 1000, 'second'] : [ms, 'ms']
  return unit === 'ms' ? `${amount} ms` : `${amount} ${unit}${amount === 1 ? '' : 's'}`
}

/**
 * A fixed-window request counter per client, in memory. Synchronous, one Map lookup per request, unlike
 * @fastify/rate-limit's store, whose promise chain and per-request route lookups cost a noticeable share of a small
 * answer (see BENCHMARKS.md). One process, one budget: behind several instances, the gateway should limit.
 */
export function rateLimiter (windowMs: number, maxClients = MAX_TRACKED_CLIENTS) {
  let counts = new Map<string, number>()
  let windowEnd = 0
  return {
    hit (key: string, now: number): { count: number, resetSeconds: number } {
      if (now >= windowEnd) {
        counts = new Map()
        windowEnd = now + windowMs
      }
      if (counts.size >= maxClients && !counts.has(key)) counts = new Map()
      const count = (counts.get(key) ?? 0) + 1
      counts.set(key, count)
      return { count, resetSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) }
    }
  }
}

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
    const { max, timeWindow } = limits.rateLimit
    const limiter = rateLimiter(timeWindow)
    const limitHeader = String(max)
    app.addHook('onRequest', (request, reply, done) => {
      if (isProbe(request.url)) {
        done()
        return
      }
      const { count, resetSeconds } = limiter.hit(request.ip, Date.now())
      reply.header('ratelimit-limit', limitHeader)
        .header('ratelimit-remaining', String(Math.max(0, max - count)))
        .header('ratelimit-reset', String(resetSeconds))
      if (count > max) {
        done(new HttpProblem(429, 'too-many-requests',
          `At most ${max} requests per ${formatWindow(timeWindow)} are allowed from one client; try again in ${resetSeconds} second${resetSeconds === 1 ? '' : 's'}.`,
          {}, { 'retry-after': String(resetSeconds) }))
        return
      }
      done()
    })
  }
}

export default fp(limitsPlugin, { name: 'limits', fastify: '5.x', dependencies: ['errors'] })
