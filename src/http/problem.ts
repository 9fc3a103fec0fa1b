/** RFC 9457 problem details: every error this API answers with. */
import { STATUS_CODES } from 'node:http'

export interface InvalidParam {
  name: string
  in: 'query' | 'path' | 'header' | 'body'
  reason: string
}

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  requestId?: string
  invalidParams?: InvalidParam[]
  allowed?: string[]
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

/** Problem types: relative URIs that resolve, on this server, to a page that explains them. */
export const PROBLEM_TYPES = {
  'invalid-parameter': 'A query, path or header parameter has a value the API does not accept. `invalidParams` names each one and why.',
  'not-found': 'No resource at this URL. Where the API knows which values exist, `allowed` lists them.',
  'method-not-allowed': 'The resource exists, but not for this method. The `Allow` header lists the methods it supports.',
  'not-acceptable': 'None of the media types in `Accept` can be produced. `allowed` lists the ones that can.',
  'bad-request': 'The request could not be understood.',
  'request-timeout': 'The request was not received in time; the connection is closed.',
  'payload-too-large': 'The request body is larger than the API accepts (the API only reads: send no body).',
  'uri-too-long': 'The URL is longer than the API accepts.',
  'header-fields-too-large': 'The request line and headers are larger than the API accepts.',
  'unsupported-media-type': 'The request body has a media type the API does not accept.',
  'too-many-requests': 'Too many requests from this client. Wait for the time given in `Retry-After`.',
  'not-implemented': 'The server does not support what the request asks for (e.g. an oEmbed `format` other than json). `allowed` lists what it supports.',
  'service-unavailable': 'The server is overloaded or not ready. Try again after the time given in `Retry-After`.',
  'internal-error': 'An unexpected error on the server. It has been logged with the `requestId`; no details are given.'
} as const
export type ProblemType = keyof typeof PROBLEM_TYPES

/**
 * An answer, not a fault: thrown by routes and hooks to answer with a problem. It carries no stack trace, which
 * would cost more than the rest of a 404 and is never shown or logged.
 */
export class HttpProblem extends Error {
  constructor (
    readonly status: number,
    readonly problemType: ProblemType,
    detail: string,
    readonly extensions: Pick<ProblemBody, 'invalidParams' | 'allowed'> = {},
    readonly headers: Record<string, string> = {}
  ) {
    const stackTraceLimit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(detail)
    Error.stackTraceLimit = stackTraceLimit
  }
}

export function problemBody (status: number, type: ProblemType, detail: string | undefined, instance: string, extras: Partial<ProblemBody> = {}): ProblemBody {
  return {
    type: `/problems/${type}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    ...(detail === undefined ? {} : { detail }),
    instance,
    ...extras
  }
}

export function invalidParameter (name: string, where: InvalidParam['in'], reason: string, allowed?: readonly string[]): HttpProblem {
  return new HttpProblem(400, 'invalid-parameter', `Invalid ${where} parameter "${name}": ${reason}.`, {
    invalidParams: [{ name, in: where, reason }],
    ...(allowed === undefined ? {} : { allowed: [...allowed] })
  })
}
