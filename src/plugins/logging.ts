/**
 * One structured line per request, when it completes: request id (pino's `reqId`), method, URL, route, status and
 * duration. Fastify's own two lines per request are turned off in buildApp (`disableRequestLogging`).
 *
 * In production the log is JSON lines on a buffered stream of our own (server.ts), and the access line is written to
 * it directly, in exactly the form pino gives it (`level`, `time`, `pid`, `hostname`, `reqId`, the fields, `msg`),
 * at the logger's level. Going through pino costs a small answer about a third of its time on the benchmark machine
 * (generic serialization of every call: bindings, hooks, serializers), for a line whose fields are always the same
 * (see BENCHMARKS.md). Elsewhere (pretty logs at a terminal, a stream given by a test) the line goes through pino.
 */
import { hostname } from 'node:os'
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

export interface LoggingOptions {
  /** The stream the logger writes JSON lines to, when the access line may be written to it directly. */
  accessLog?: { write: (line: string) => unknown }
}

const MESSAGE = 'request completed'
/** pino's numeric levels; a level not named here (`silent`) writes nothing. */
const LEVELS: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 }
const INFO = 30
const ERROR = 50

interface AccessEntry { method: string, url: string, route: string | null, status: number, durationMs: number }

function entryOf (request: FastifyRequest, reply: FastifyReply): AccessEntry {
  return {
    method: request.method,
    url: request.url,
    route: request.routeOptions.url ?? null,
    status: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 100) / 100
  }
}

/** The line pino would write for `log[level]({ reqId bound, ...entry }, MESSAGE)` with its default options. */
export function accessLine (level: number, time: number, base: string, reqId: string, entry: AccessEntry): string {
  return `{"level":${level},"time":${time}${base},"reqId":${JSON.stringify(reqId)},"method":${JSON.stringify(entry.method)},` +
    `"url":${JSON.stringify(entry.url)},"route":${JSON.stringify(entry.route)},"status":${entry.status},"durationMs":${entry.durationMs},"msg":"${MESSAGE}"}\n`
}

async function logging (app: FastifyInstance, options: LoggingOptions): Promise<void> {
  const direct = options.accessLog
  if (direct !== undefined) {
    const base = `,"pid":${process.pid},"hostname":${JSON.stringify(hostname())}`
    const threshold = LEVELS[app.log.level] ?? Number.POSITIVE_INFINITY
    app.addHook('onResponse', (request, reply, done) => {
      const level = reply.statusCode >= 500 ? ERROR : INFO
      if (level >= threshold) direct.write(accessLine(level, Date.now(), base, request.id, entryOf(request, reply)))
      done()
    })
    return
  }
  app.addHook('onResponse', (request, reply, done) => {
    const entry = entryOf(request, reply)
    if (entry.status >= 500) request.log.error(entry, MESSAGE)
    else request.log.info(entry, MESSAGE)
    done()
  })
}

export default fp(logging, { name: 'logging', fastify: '5.x' })
