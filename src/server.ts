/**
 * Entry point: configuration, database (built from seed/content when missing), listen, graceful shutdown.
 */
import { existsSync } from 'node:fs'
import closeWithGrace from 'close-with-grace'
import pino from 'pino'
import { buildApp } from './app.ts'
import type { FastifyInstance } from 'fastify'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { DatabaseError } from './db/store.ts'
import { buildContentDatabase } from './db/build.ts'
import { DEFAULT_CONTENT_DIR } from './paths.ts'
import { formatProblem, loadContent } from '../seed/load.ts'

/** Builds a database at `databasePath` from seed/content, as `npm run seed` would; invalid content is a DatabaseError. */
export function buildFromContent (databasePath: string): ReturnType<typeof buildContentDatabase> {
  const result = loadContent(DEFAULT_CONTENT_DIR)
  if (!result.ok) throw new DatabaseError(`the content is invalid, so no database could be built:\n${result.problems.map(formatProblem).join('\n')}`)
  return buildContentDatabase(result.content, databasePath)
}

/** Builds the database from the content files when there is none. */
export function ensureDatabase (config: Config, log: (line: string) => void): void {
  if (existsSync(config.databasePath)) return
  log(`database ${config.databasePath} not found: building it from ${DEFAULT_CONTENT_DIR}`)
  const summary = buildFromContent(config.databasePath)
  log(`built ${summary.path} (content ${summary.contentVersion})`)
}

/** JSON lines for machines; pretty lines only for a person at a terminal. */
export function loggerOptions (config: Config, isTTY = process.stdout.isTTY === true) {
  return {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    ...(isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {})
  }
}

/** Log lines are buffered up to this many bytes, and written at least every LOG_FLUSH_MS. */
export const LOG_BUFFER_BYTES = 4096
export const LOG_FLUSH_MS = 1000

/**
 * Where JSON log lines go: standard output through a buffer written asynchronously, so that a request does not wait
 * for a write system call of its own access-log line. Flushed every LOG_FLUSH_MS, and synchronously at exit.
 */
export function logDestination (fd = 1): { stream: ReturnType<typeof pino.destination>, close: () => void } {
  const stream = pino.destination({ dest: fd, sync: false, minLength: LOG_BUFFER_BYTES })
  const timer = setInterval(() => stream.flush(), LOG_FLUSH_MS).unref()
  const flushAtExit = () => { stream.flushSync() }
  process.once('exit', flushAtExit)
  return {
    stream,
    close: () => {
      clearInterval(timer)
      process.removeListener('exit', flushAtExit)
      stream.flushSync()
    }
  }
}

export async function start (env: NodeJS.ProcessEnv): Promise<void> {
  let config: Config
  try {
    config = loadConfig(env)
    ensureDatabase(config, (line) => console.error(line))
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseError) {
      console.error(`als-reference-api: ${error.message}`)
      process.exitCode = 1
      return
    }
    throw error
  }
  const logger = loggerOptions(config)
  const destination = 'transport' in logger ? undefined : logDestination()
  const build = () => buildApp({
    databasePath: config.databasePath,
    baseUrl: config.publicUrl,
    logger: destination === undefined ? logger : { ...logger, stream: destination.stream },
    accessLog: destination?.stream,
    limits: config.limits,
    trustProxy: config.trustProxy
  })
  const app = await build().catch((error: unknown) => {
    console.error(`als-reference-api: ${(error as Error).message}`)
    process.exitCode = 1
    return undefined
  })
  if (app === undefined) {
    destination?.close()
    return
  }
  const releases = serveReleases(app, build)
  // reload() logs and resolves false on a bad file; it does not reject.
  const reload = () => { releases.reload() }
  process.on('SIGHUP', reload)
  closeWithGrace({ delay: 10_000, skip: ['SIGHUP'] }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'closing after an error')
    else app.log.info({ signal }, 'closing')
    process.removeListener('SIGHUP', reload)
    await releases.close()
    destination?.close()
  })
  await app.listen({ port: config.port, host: config.host })
  // The "listening" line is not left waiting in the log buffer: whoever started the server may be watching for it.
  destination?.stream.flush()
}

/**
 * A content release without downtime. The listening app's server hands each request to the app of the current
 * release. On reload (SIGHUP) a whole new app is built on the database file now at the configured path (opened and
 * checked as at start: a bad file is refused with a log line, and the current release keeps serving), then becomes
 * current; the previous release is closed once the requests it was serving are done. Each release is a whole app,
 * so no cache, prepared body or ETag of one release is ever served by another.
 */
export function serveReleases (first: FastifyInstance, build: () => Promise<FastifyInstance>) {
  let current = first
  const inFlight = new Map<FastifyInstance, number>([[first, 0]])
  const retired = new Set<FastifyInstance>()
  let reloading: Promise<boolean> | undefined

  const retire = async (app: FastifyInstance) => {
    inFlight.delete(app)
    retired.delete(app)
    // The first app owns the listening server: only its content is closed, the server goes on.
    if (app === first) first.content.close()
    else await app.close()
    first.log.info({ contentVersion: app.content.contentVersion }, 'previous content release closed')
  }
  const done = (app: FastifyInstance) => {
    const count = (inFlight.get(app) as number) - 1
    inFlight.set(app, count)
    if (count === 0 && retired.has(app)) retire(app).catch((error: unknown) => first.log.error({ err: error }, 'closing the previous content release failed'))
  }
  first.server.removeAllListeners('request')
  first.server.on('request', (request, response) => {
    const app = current
    inFlight.set(app, (inFlight.get(app) as number) + 1)
    response.once('close', () => done(app))
    app.routing(request, response)
  })

  const reload = async (): Promise<boolean> => {
    const from = current.content.contentVersion
    let next: FastifyInstance
    try {
      next = await build()
      await next.ready()
    } catch (error) {
      first.log.error({ err: error }, `content reload refused: ${(error as Error).message}; content ${from} keeps serving`)
      return false
    }
    const previous = current
    current = next
    inFlight.set(next, 0)
    retired.add(previous)
    first.log.info({ from, to: next.content.contentVersion }, 'content reloaded')
    if (inFlight.get(previous) === 0) await retire(previous)
    return true
  }

  return {
    /** Reloads the database; concurrent calls share one reload. Resolves to whether the new release serves. */
    reload: async (): Promise<boolean> => {
      reloading ??= reload().finally(() => { reloading = undefined })
      return await reloading
    },
    /** Closes the server (waiting for its requests), then every release still open. */
    close: async () => {
      await reloading
      await first.close()
      for (const app of inFlight.keys()) if (app !== first) await app.close()
    }
  }
}
