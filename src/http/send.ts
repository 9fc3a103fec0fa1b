import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Prepared } from '../db/store.ts'
import { EMBED_CSP } from '../render/html.ts'

/** Content is immutable per release: caches may keep it for a while and serve it stale while they revalidate. */
export const CONTENT_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

export interface SendOptions {
  contentType: string
  lang?: string
  vary?: string
}

/** Sends a prepared representation, or 304 when the client already has it (`If-None-Match`). */
export function sendPrepared (request: FastifyRequest, reply: FastifyReply, prepared: Prepared, options: SendOptions): FastifyReply {
  reply.header('etag', prepared.etag).header('cache-control', CONTENT_CACHE_CONTROL)
  if (options.vary !== undefined) reply.header('vary', options.vary)
  if (options.lang !== undefined) reply.header('content-language', options.lang)
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, prepared.etag)) return reply.code(304).send()
  return reply.type(options.contentType).send(prepared.body)
}

function matchesEtag (header: string, etag: string): boolean {
  if (header.trim() === '*') return true
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

export const HTML_TYPE = 'text/html; charset=utf-8'

/** Sends an embed page: strict CSP, framable from any origin, with its oEmbed discovery link. */
export function sendEmbedPage (request: FastifyRequest, reply: FastifyReply, prepared: Prepared, oembedUrl: string, lang: string, vary: string): FastifyReply {
  reply
    .header('content-security-policy', EMBED_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .header('link', `<${oembedUrl}>; rel="alternate"; type="application/json+oembed"`)
  return sendPrepared(request, reply, prepared, { contentType: HTML_TYPE, lang, vary })
}
