/**
 * Configuration from environment variables, validated at start. A bad value stops the process with one line that
 * names the variable (see ConfigError), never a stack trace.
 */
import Type, { type Static } from 'typebox'
import { Value } from 'typebox/value'
import { DEFAULT_DATABASE_PATH } from './paths.ts'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'TCP port to listen on.' }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Interface to listen on.' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: DEFAULT_DATABASE_PATH, description: 'SQLite database file; built from seed/content when missing.' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s/]+(?:/[^\\s]*)?$', description: 'Absolute base URL used in links (default http://localhost:PORT).' })),
  LOG_LEVEL: Type.Unsafe<typeof LOG_LEVELS[number]>({ type: 'string', enum: [...LOG_LEVELS], default: 'info', description: 'Log level.' })
}, { additionalProperties: true })

export interface Config {
  port: number
  host: string
  databasePath: string
  publicUrl: string
  logLevel: Static<typeof ConfigSchema>['LOG_LEVEL']
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the configuration from an environment (`process.env` in production). */
export function loadConfig (env: Record<string, string | undefined>): Config {
  const known = Object.keys(ConfigSchema.properties)
  const input: Record<string, unknown> = {}
  for (const key of known) {
    const raw = env[key]
    if (raw === undefined || raw === '') continue
    input[key] = key === 'PORT' && /^\d+$/.test(raw) ? Number(raw) : raw
  }
  const withDefaults = Value.Default(ConfigSchema, input) as Record<string, unknown>
  const error = Value.Errors(ConfigSchema, withDefaults)[0]
  if (error !== undefined) {
    const name = error.instancePath.slice(1) || String((error.params as { requiredProperties?: string[] }).requiredProperties?.[0] ?? '')
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues
    throw new ConfigError(`invalid environment variable ${name}=${JSON.stringify(env[name] ?? '')}: ${error.message}${Array.isArray(allowed) ? ` (${allowed.join(', ')})` : ''}`)
  }
  const config = withDefaults as Static<typeof ConfigSchema>
  return {
    port: config.PORT,
    host: config.HOST,
    databasePath: config.DATABASE_PATH,
    publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
    logLevel: config.LOG_LEVEL
  }
}
