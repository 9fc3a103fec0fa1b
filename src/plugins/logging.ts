/**
 * One structured line per request, when it completes: request id (pino's `reqId`), method, URL, route, status and
 * duration. Fastify's own two lines per request are turned off in buildApp (`disableRequestLogging`).
 */
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'

async function logging (app: FastifyInstance): Promise<void> {
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode
    const entry = {
      method: request.method,
      url: request.url,
      route: request.routeOptions.url ?? null,
      status,
      durationMs: Math.round(reply.elapsedTime * 100) / 100
    }
    if (status >= 500) request.log.error(entry, 'request completed')
    else request.log.info(entry, 'request completed')
    done()
  })
}

export default fp(logging, { name: 'logging', fastify: '5.x' })
