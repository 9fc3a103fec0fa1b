/**
 * Configuration from environment variables, validated at start. A bad value stops the process with one line that
 * names the variable (see ConfigError), never a stack trace.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { DEFAULT_DATABASE_PATH } from './paths.ts'
import { LIMIT_DEFAULTS, type LimitOptions } from './plugins/limits.ts'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const Milliseconds = (fallback: number, description: string) => Type.Integer({ minimum: 1000, maximum: 600_000, default: fallback, description })

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on.' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Interface to listen on.' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: DEFAULT_DATABASE_PATH, description: 'SQLite database file; built from seed/content when missing.' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(?:/[^\\s]*)?$', description: 'Absolute base URL used in links (default http://localhost:PORT).' })),
  LOG_LEVEL: Type.Unsafe<typeof LOG_LEVELS[number]>({ type: 'string', enum: [...LOG_LEVELS], default: 'info', description: 'Log level.' }),
  TRUST_PROXY: Type.Integer({ minimum: 0, maximum: 10, default: 0, description: 'Number of reverse proxies in front of the server whose X-Forwarded-For is trusted (per-client rate limit).' }),
  RATE_LIMIT_MAX: Type.Integer({ minimum: 0, maximum: 1_000_000, default: LIMIT_DEFAULTS.rateLimitMax, description: 'Requests per client per window; 0 turns the rate limit off.' }),
  RATE_LIMIT_WINDOW_MS: Milliseconds(LIMIT_DEFAULTS.rateLimitWindowMs, 'Rate-limit window.'),
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: LIMIT_DEFAULTS.maxEventLoopDelayMs, description: 'Event-loop delay above which requests are shed with 503; 0 turns it off.' }),
  MAX_HEAP_USED_MB: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Heap use above which requests are shed with 503 (default 90 % of the V8 heap limit); 0 turns it off.' })),
  REQUEST_TIMEOUT_MS: Milliseconds(LIMIT_DEFAULTS.requestTimeoutMs, 'Time to receive a whole request.'),
  HEADERS_TIMEOUT_MS: Milliseconds(LIMIT_DEFAULTS.headersTimeoutMs, 'Time to receive the request headers; at most REQUEST_TIMEOUT_MS.'),
  KEEP_ALIVE_TIMEOUT_MS: Milliseconds(LIMIT_DEFAULTS.keepAliveTimeoutMs, 'Idle time before a keep-alive connection is closed.')
}, { additionalProperties: true })

export interface Config {
  port: number
  host: string
  databasePath: string
  publicUrl: string
  logLevel: Static<typeof ConfigSchema>['LOG_LEVEL']
  trustProxy: number
  limits: LimitOptions
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

function invalid (name: string, env: Record<string, string | undefined>, reason: string): ConfigError {
  return new ConfigError(`invalid environment variable ${name}=${JSON.stringify(env[name] ?? '')}: ${reason}`)
}

/** Reads and validates the configuration from an environment (`process.env` in production). */
export function loadConfig (env: Record<string, string | undefined>, heapLimitBytes = LIMIT_DEFAULTS.heapLimitBytes): Config {
  const properties = ConfigSchema.properties as Record<string, TSchema & { type?: string }>
  const input: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(properties)) {
    const raw = env[key]
    if (raw === undefined || raw === '') continue
    input[key] = schema.type === 'integer' && /^\d+$/.test(raw) ? Number(raw) : raw
  }
  const withDefaults = Value.Default(ConfigSchema, input) as Record<string, unknown>
  const error = Value.Errors(ConfigSchema, withDefaults)[0]
  if (error !== undefined) {
    const name = error.instancePath.slice(1)
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues
    throw invalid(name, env, `${error.message}${Array.isArray(allowed) ? ` (${allowed.join(', ')})` : ''}`)
  }
  const config = withDefaults as Static<typeof ConfigSchema>
  if (config.HEADERS_TIMEOUT_MS > config.REQUEST_TIMEOUT_MS) {
    throw invalid('HEADERS_TIMEOUT_MS', env, `must be <= REQUEST_TIMEOUT_MS (${config.REQUEST_TIMEOUT_MS})`)
  }
  return {
    port: config.PORT,
    host: config.HOST,
    databasePath: config.DATABASE_PATH,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
    logLevel: config.LOG_LEVEL,
    trustProxy: config.TRUST_PROXY,
    limits: {
      rateLimit: config.RATE_LIMIT_MAX === 0 ? false : { max: config.RATE_LIMIT_MAX, timeWindow: config.RATE_LIMIT_WINDOW_MS },
      underPressure: {
        maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
        maxHeapUsedBytes: config.MAX_HEAP_USED_MB === undefined ? Math.floor(heapLimitBytes * 0.9) : config.MAX_HEAP_USED_MB * 1024 * 1024
      },
      requestTimeout: config.REQUEST_TIMEOUT_MS,
      headersTimeout: config.HEADERS_TIMEOUT_MS,
      keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS
    }
  }
}
