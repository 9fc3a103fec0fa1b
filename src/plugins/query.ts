/**
 * One forgiving, consistent query string for every route that declares one, with no code in the routes:
 * - `lang` in any case and with a region (`TR`, `tr-TR`, `tr_TR`) is the language it names;
 * - a parameter given twice is a 400 that says so (a list is written with commas, once);
 * - a parameter the route does not know (`?language=tr`) is a 400 that names the ones it accepts.
 * The accepted names come from each route's own `querystring` schema, so a new route gets all of this for free.
 * Routes without a querystring schema (Swagger UI's files, /embed.js, /health) are left alone: a cache-busting
 * `?v=2` on a script must keep working. A route whose schema says `additionalProperties: true` takes any parameter
 * and answers repeats itself (a protocol such as HL7 Infobutton has many optional parameters and its own error
 * format): only its `lang` is normalised.
 */
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify'
import { normalizeLanguage } from '../http/negotiate.ts'
import { HttpProblem } from '../http/problem.ts'

interface QuerySchema { properties?: Record<string, { type?: unknown }>, additionalProperties?: unknown }

/** The names a querystring schema accepts, and which of them may be repeated (declared as arrays). */
export function acceptedParameters (schema: unknown): { names: string[], repeatable: Set<string> } {
  const properties = (schema as QuerySchema).properties ?? {}
  const names = Object.keys(properties)
  return { names, repeatable: new Set(names.filter((name) => properties[name]?.type === 'array')) }
}

function unknownParameters (names: string[], accepted: readonly string[]): HttpProblem {
  const list = names.map((name) => `"${name}"`).join(', ')
  return new HttpProblem(400, 'invalid-parameter',
    `Unknown query parameter${names.length > 1 ? 's' : ''} ${list}. This resource accepts: ${accepted.length > 0 ? accepted.join(', ') : 'no parameters'}.`,
    { invalidParams: names.map((name) => ({ name, in: 'query' as const, reason: 'is not a known parameter' })), allowed: [...accepted] })
}

function repeatedParameter (name: string, times: number): HttpProblem {
  return new HttpProblem(400, 'invalid-parameter',
    `Query parameter "${name}" is given ${times} times; give it once (several values are written with commas, e.g. a,b).`,
    { invalidParams: [{ name, in: 'query', reason: `is given ${times} times; give it once` }] })
}

/** The preValidation hook of one route, made once from its schema. */
export function queryHook (schema: unknown) {
  const { names, repeatable } = acceptedParameters(schema)
  const known = new Set(names)
  const speaksLang = known.has('lang')
  const open = (schema as QuerySchema).additionalProperties === true
  return function checkQuery (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
    const query = request.query as Record<string, unknown>
    let unknown: string[] | undefined
    if (!open) {
      for (const name in query) {
        if (!known.has(name)) {
          (unknown ??= []).push(name)
          continue
        }
        const value = query[name]
        if (Array.isArray(value) && !repeatable.has(name)) {
          done(repeatedParameter(name, value.length))
          return
        }
      }
    }
    if (unknown !== undefined) {
      done(unknownParameters(unknown, names))
      return
    }
    if (speaksLang && typeof query.lang === 'string') query.lang = normalizeLanguage(query.lang) ?? query.lang
    done()
  }
}

async function query (app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema?.querystring
    if (schema === undefined) return
    const hook = queryHook(schema)
    const existing = route.preValidation
    route.preValidation = existing === undefined ? [hook] : [hook, ...[existing].flat()]
  })
}

export default fp(query, { name: 'query', fastify: '5.x' })
