/**
 * OpenAPI 3.1 from the routes' own schemas (@fastify/swagger), Swagger UI at /docs (docs.ts), the spec at /openapi.json and
 * /openapi.yaml. Shared schemas are registered once with their `$id` and appear as named components.
 */
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'
import { prepare, prepareText, type Prepared } from '../db/store.ts'
import { sendPrepared } from '../http/send.ts'
import { sharedSchemas } from '../../schemas/api.ts'
import { entitySchemas } from '../../schemas/entities.ts'
import { questionSchemas } from '../../schemas/questions.ts'
import { homeSchemas } from '../../schemas/home.ts'
import docs from './docs.ts'
import { TOPIC_IDS } from '../../schemas/topics/index.ts'

export interface OpenApiOptions {
  baseUrl: string
  version: string
}

/** The README's guides, in short, where Swagger UI shows them: at the top of /docs. Links are to this server. */
export const GUIDES = [
  '## Guides',
  '- **Start here**: [`/v1`](/v1) lists every resource; [`/v1/topics/symptoms?lang=tr`](/v1/topics/symptoms?lang=tr) is a topic in Turkish, with its citations.',
  '- **Language**: `?lang=en` or `?lang=tr`, in any case and with a region (`TR`, `tr-TR`, `tr_TR`); then `Accept-Language`; then English.',
  '- **Lists**: `items`, `total`, `limit`, `offset`, `next`; `fields=` picks fields; `include=references` resolves an item\'s references inline, in the same response.',
  '- **Labels**: [`/v1/labels`](/v1/labels) gives every enumerated value (`bulbar`, `approved`, `established`…) its label in English and Turkish.',
  '- **Errors**: a bad, repeated or unknown parameter is a 400 that names it and says, in words, what is accepted; each problem `type` resolves, e.g. [`/problems/invalid-parameter`](/problems/invalid-parameter).',
  '- **Embedding**: add `/embed.js` to a page once, and each `div` with `data-als-topic="symptoms"` becomes a self-resizing frame; CMSs use oEmbed (`/oembed?url=/embed/topics/symptoms`).',
  '- **The spec**: [`/openapi.json`](/openapi.json) and [`/openapi.yaml`](/openapi.yaml), OpenAPI 3.1.'
].join('\n')

export const TAGS = [
  { name: 'topics', description: `The topics of the reference, whole: ${TOPIC_IDS.join(', ')}.` },
  { name: 'entities', description: 'The structured items: symptoms, genes, treatments, statistics, references, statements and medical codes, filtered and paginated.' },
  { name: 'search', description: 'Full-text search over all the content, per language.' },
  { name: 'questions', description: 'Questions people ask about ALS, each answered briefly from cited statements; also as schema.org FAQPage JSON-LD.' },
  { name: 'embed', description: 'Embedding a topic in another site: an HTML embed page, a host-page script, and an oEmbed provider.' },
  { name: 'meta', description: 'About the content release, and the service itself.' },
  { name: 'integrations', description: 'Where other software already looks: the Model Context Protocol for AI assistants, HL7 Infobutton (MedlinePlus Connect–compatible) for health records.' }
]

async function openapi (app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  for (const schema of [...sharedSchemas, ...entitySchemas, ...questionSchemas, ...homeSchemas]) app.addSchema(schema)

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ALS Reference API',
        version: options.version,
        summary: 'Structured, cited, bilingual reference content about amyotrophic lateral sclerosis (ALS).',
        description: 'Every statement cites at least one checkable source (DOI, PMID or an authoritative body). ' +
          'Responses are in English (`en`, default) or Turkish (`tr`), chosen by `?lang=` then `Accept-Language`. ' +
          'Errors are RFC 9457 `application/problem+json`. The content is for information only and is not medical advice.\n\n' +
          GUIDES,
        license: { name: 'MIT (code); content CC BY 4.0', identifier: 'MIT' }
      },
      servers: [{ url: options.baseUrl, description: 'This server (its configured public URL).' }],
      // A public, read-only API: no operation needs credentials.
      security: [],
      tags: TAGS
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => typeof json.$id === 'string' ? json.$id : `def-${index}`
    }
  })

  // Swagger UI, mounted on the first request under /docs (see docs.ts).
  await app.register(docs, { document: app.swagger.bind(app) })

  // The document is fixed once the app is ready: made on first demand, then sent like any prepared representation
  // (ETag, 304, compressed once).
  let json: Prepared | undefined
  let yaml: Prepared | undefined
  app.get('/openapi.json', { schema: { hide: true } }, async (request, reply) => {
    json ??= prepare(app.swagger())
    return sendPrepared(request, reply, json, { contentType: 'application/json; charset=utf-8' })
  })
  app.get('/openapi.yaml', { schema: { hide: true } }, async (request, reply) => {
    yaml ??= prepareText(app.swagger({ yaml: true }))
    return sendPrepared(request, reply, yaml, { contentType: 'application/yaml; charset=utf-8' })
  })
}

export default fp(openapi, { name: 'openapi', fastify: '5.x' })
