import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Prepared } from '../db/store.ts'
import { EMBED_CSP, renderErrorPage, THEMES, type Theme } from '../render/html.ts'
import { RESIZE_SCRIPT_PATH } from '../render/embeds.ts'
import { chooseEncoding, chooseLanguage, chooseMediaType, type ContentCoding } from './negotiate.ts'
import type { ProblemBody } from './problem.ts'
import { pathOf } from './url.ts'

/** Content is immutable per release: caches may keep it for a while and serve it stale while they revalidate. */
export const CONTENT_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=86400'

export interface SendOptions {
  contentType: string
  lang?: string
  vary?: string
  /** CONTENT_CACHE_CONTROL when absent. */
  cacheControl?: string
}

/** Bodies below this size are sent as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024

/**
 * Compressed variants of a prepared body, made on first demand and kept with it: a release's representations are
 * compressed once, not per request. (A body prepared per request, e.g. a filtered list, is compressed once too.)
 */
const variants = new WeakMap<Prepared, Partial<Record<ContentCoding, Buffer>>>()

/**
 * The bytes of a prepared body in a content coding, made once and kept with it. Even uncompressed, the body is sent as
 * bytes encoded once: sending the string would encode it to UTF-8 again on every request.
 */
function encoded (prepared: Prepared, coding: ContentCoding): Buffer {
  let cache = variants.get(prepared)
  if (cache === undefined) variants.set(prepared, cache = {})
  const source = prepared.bytes ?? prepared.body
  cache[coding] ??= coding === 'identity'
    ? (prepared.bytes ?? Buffer.from(prepared.body, 'utf8'))
    : coding === 'br'
      ? brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
      : gzipSync(source, { level: 6 })
  return cache[coding]
}

/**
 * Sends a prepared representation — compressed with br or gzip when the client accepts it and the body is large —
 * or 304 when the client already has it (`If-None-Match`). Each coding is its own representation with its own
 * strong ETag (RFC 9110 §8.8.3: a strong validator changes with the content coding).
 */
export function sendPrepared (request: FastifyRequest, reply: FastifyReply, prepared: Prepared, options: SendOptions): FastifyReply {
  const compressible = prepared.compressible !== false && (prepared.bytes?.length ?? prepared.body.length) >= COMPRESS_MIN_BYTES
  const coding = compressible ? chooseEncoding(request.headers['accept-encoding']) : 'identity'
  const etag = coding === 'identity' ? prepared.etag : `${prepared.etag.slice(0, -1)}-${coding}"`
  reply.header('etag', etag).header('cache-control', options.cacheControl ?? CONTENT_CACHE_CONTROL)
  const vary = [options.vary, compressible ? 'Accept-Encoding' : undefined].filter((value) => value !== undefined).join(', ')
  if (vary !== '') reply.header('vary', vary)
  if (options.lang !== undefined) reply.header('content-language', options.lang)
  const ifNoneMatch = request.headers['if-none-match']
  if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, etag)) return reply.code(304).send()
  reply.type(options.contentType)
  if (coding !== 'identity') reply.header('content-encoding', coding)
  return reply.send(encoded(prepared, coding))
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

/**
 * An embed URL opened by a browser (in a frame): its errors are shown as a page the frame can display, not as raw
 * problem+json. Programs (no `Accept`, or one that prefers JSON) still get problem+json.
 */
export function wantsEmbedErrorPage (request: FastifyRequest): boolean {
  return pathOf(request.url).startsWith('/embed/') &&
    chooseMediaType(request.headers.accept, ['application/problem+json', 'text/html']) === 'text/html'
}

/** The error page of an embed: framable like the embed pages, in the reader's language and the embed's theme. */
export function sendEmbedProblem (request: FastifyRequest, reply: FastifyReply, body: ProblemBody): FastifyReply {
  const query = new URLSearchParams(request.url.slice(pathOf(request.url).length))
  const asked = query.get('lang')?.slice(0, 2).toLowerCase()
  const lang = chooseLanguage(asked === 'en' || asked === 'tr' ? asked : undefined, request.headers['accept-language'])
  const themeParam = query.get('theme') ?? ''
  const theme: Theme = (THEMES as readonly string[]).includes(themeParam) ? themeParam as Theme : 'light'
  reply.removeHeader('x-frame-options')
  return reply.code(body.status)
    .header('content-security-policy', EMBED_CSP)
    .header('content-language', lang)
    .header('vary', 'Accept, Accept-Language')
    .header('cache-control', 'no-store')
    .type(HTML_TYPE)
    .send(renderErrorPage(body, lang, theme, RESIZE_SCRIPT_PATH))
}
