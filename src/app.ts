/**
 * buildApp: every plugin and route, no listen. Tests build exactly what production runs.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import content from './plugins/content.ts'
import errors from './plugins/errors.ts'
import cors from './plugins/cors.ts'
import openapi from './plugins/openapi.ts'
import topicRoutes from './routes/topics.ts'
import metaRoutes from './routes/meta.ts'
import entityRoutes from './routes/entities.ts'
import searchRoutes from './routes/search.ts'
import embedRoutes from './routes/embed.ts'
import { API_VERSION } from './version.ts'

export interface AppOptions {
  databasePath: string
  /** Absolute base URL for links, without a trailing slash. */
  baseUrl: string
  logger?: FastifyServerOptions['logger']
}

export const AJV_OPTIONS = {
  customOptions: { coerceTypes: 'array' as const, removeAdditional: true, useDefaults: true, allErrors: false }
}

export async function buildApp (options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    ajv: AJV_OPTIONS,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID()
  })
  await app.register(errors)
  await app.register(cors)
  await app.register(content, { databasePath: options.databasePath, baseUrl: options.baseUrl })
  await app.register(openapi, { baseUrl: options.baseUrl, version: API_VERSION })
  await app.register(topicRoutes)
  await app.register(metaRoutes)
  await app.register(entityRoutes, { baseUrl: options.baseUrl })
  await app.register(searchRoutes, { baseUrl: options.baseUrl })
  await app.register(embedRoutes, { baseUrl: options.baseUrl })
  return app
}
