/**
 * buildApp: every plugin and route, no listen. Tests build exactly what production runs.
 */
import ValidatorSelector from '@fastify/ajv-compiler'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import content from './plugins/content.ts'
import errors, { frameworkErrorHandler } from './plugins/errors.ts'
import limits, { defaultLimits, serverOptions, type LimitOptions } from './plugins/limits.ts'
import logging, { type LoggingOptions } from './plugins/logging.ts'
import security from './plugins/security.ts'
import openapi from './plugins/openapi.ts'
import query from './plugins/query.ts'
import topicRoutes from './routes/topics.ts'
import metaRoutes from './routes/meta.ts'
import entityRoutes from './routes/entities.ts'
import searchRoutes from './routes/search.ts'
import embedRoutes from './routes/embed.ts'
import questionRoutes from './routes/questions.ts'
import homeRoutes from './routes/home.ts'
import mcpRoutes from './routes/mcp.ts'
import infobuttonRoutes from './routes/infobutton.ts'
import { API_VERSION } from './version.ts'

export interface AppOptions {
  databasePath: string
  /** Absolute base URL for links, without a trailing slash. */
  baseUrl: string
  logger?: FastifyServerOptions['logger']
  /** Rate limit, load shedding and timeouts; production defaults when absent. */
  limits?: Partial<LimitOptions>
  /** Number of trusted reverse proxies (X-Forwarded-For), for the per-client rate limit. */
  trustProxy?: number
  /** The logger's own JSON-lines stream, to which access lines may be written directly (see plugins/logging.ts). */
  accessLog?: LoggingOptions['accessLog']
}

export const AJV_OPTIONS = {
  customOptions: { coerceTypes: 'array' as const, removeAdditional: true, useDefaults: true, allErrors: false }
}

/** Trusts the nearest `hops` proxies' X-Forwarded-For, so that the rate limit sees the client, not the proxy. */
function trustedHops (hops: number): false | ((address: string, hop: number) => boolean) {
  return hops === 0 ? false : (_address, hop) => hop < hops
}

const buildSerializerCompiler = SerializerSelector()

/**
 * Response serializers compiled on first use. Content routes send prepared strings, so most serializers are never
 * needed; compiling them all up front (the large `oneOf` topic schemas) took most of the start-up time (~650 ms of
 * `ready()` on this machine). The schemas themselves are still checked at start by Fastify and by the OpenAPI tests.
 */
function lazySerializers (externalSchemas: unknown, options: unknown) {
  const compile = buildSerializerCompiler(externalSchemas as Parameters<typeof buildSerializerCompiler>[0], options as Parameters<typeof buildSerializerCompiler>[1])
  return (route: Parameters<typeof compile>[0]) => {
    let serialize: ((data: unknown) => string) | undefined
    return (data: unknown) => (serialize ??= compile(route) as (data: unknown) => string)(data)
  }
}

const buildValidatorCompiler = ValidatorSelector()
type ValidatorFactory = typeof buildValidatorCompiler

/**
 * Request validators compiled on first use, like the serializers: the AJV instance (with every shared schema added)
 * and each route's validator are made when a request first needs them, not at start-up, where they took about a
 * quarter of the time to the first ready answer. Fastify reads a failed validation's `errors` from the function.
 */
function lazyValidators (externalSchemas: Parameters<ValidatorFactory>[0], options: Parameters<ValidatorFactory>[1]) {
  let compile: ReturnType<ValidatorFactory> | undefined
  return (route: Parameters<ReturnType<ValidatorFactory>>[0]) => {
    let validate: ReturnType<ReturnType<ValidatorFactory>> | undefined
    const lazy = (data: unknown) => {
      compile ??= buildValidatorCompiler(externalSchemas, options)
      validate ??= compile(route)
      return validate(data)
    }
    Object.defineProperty(lazy, 'errors', { get: () => (validate as unknown as { errors?: unknown }).errors })
    return lazy
  }
}

export async function buildApp (options: AppOptions): Promise<FastifyInstance> {
  const limitOptions = { ...defaultLimits(), ...options.limits }
  const app = Fastify({
    ...serverOptions(limitOptions),
    logger: options.logger ?? false,
    // One line per request from the logging plugin instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustedHops(options.trustProxy ?? 0),
    frameworkErrors: frameworkErrorHandler,
    ajv: AJV_OPTIONS,
    schemaController: { compilersFactory: { buildValidator: lazyValidators as unknown as ValidatorFactory, buildSerializer: lazySerializers } },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID()
  })
  await app.register(logging, { accessLog: options.accessLog })
  await app.register(errors)
  await app.register(security)
  await app.register(limits, limitOptions)
  // Before any route: each route's query string is checked and `lang` normalised from its own schema.
  await app.register(query)
  // Every body, Swagger UI's files included, is compressed once, in sendPrepared: no route has compression hooks.
  await app.register(content, { databasePath: options.databasePath, baseUrl: options.baseUrl })
  await app.register(openapi, { baseUrl: options.baseUrl, version: API_VERSION })
  await app.register(topicRoutes)
  await app.register(metaRoutes)
  await app.register(entityRoutes, { baseUrl: options.baseUrl })
  await app.register(searchRoutes, { baseUrl: options.baseUrl })
  await app.register(embedRoutes, { baseUrl: options.baseUrl })
  await app.register(questionRoutes, { baseUrl: options.baseUrl })
  await app.register(homeRoutes, { baseUrl: options.baseUrl, version: API_VERSION })
  await app.register(mcpRoutes)
  await app.register(infobuttonRoutes, { baseUrl: options.baseUrl })
  return app
}
