import type { FastifyInstance } from 'fastify'
import { Health, Meta, Ready, ref } from '../../schemas/api.ts'
import { chooseLanguage, negotiateMediaType } from '../http/negotiate.ts'
import { sendPrepared } from '../http/send.ts'
import { HttpProblem } from '../http/problem.ts'
import { LangQuery, problemResponse, problemResponses } from './topics.ts'

const HEALTHY = JSON.stringify({ status: 'ok' })

export default async function metaRoutes (app: FastifyInstance): Promise<void> {
  app.get('/v1/meta', {
    schema: {
      operationId: 'getMeta',
      tags: ['meta'],
      summary: 'About the content release',
      description: 'Content version and hash, build time, counts of each kind of item, licence, attribution and disclaimer.',
      querystring: LangQuery,
      response: { 200: { ...ref(Meta), description: 'The release.' }, 400: problemResponses[400], 406: problemResponses[406] }
    }
  }, async (request, reply) => {
    negotiateMediaType(request.headers.accept, ['application/json'])
    const lang = chooseLanguage((request.query as { lang?: 'en' | 'tr' }).lang, request.headers['accept-language'])
    return sendPrepared(request, reply, app.content.metaJson(lang), { contentType: 'application/json; charset=utf-8', lang, vary: 'Accept, Accept-Language' })
  })

  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['meta'],
      summary: 'Liveness',
      description: 'Answers 200 while the process is up.',
      response: { 200: { ...ref(Health), description: 'Alive.' } }
    }
  }, async (_request, reply) => {
    reply.header('cache-control', 'no-store').type('application/json; charset=utf-8')
    return HEALTHY
  })

  app.get('/ready', {
    schema: {
      operationId: 'getReady',
      tags: ['meta'],
      summary: 'Readiness',
      description: 'Answers 200 with the content version when the database answers; 503 otherwise.',
      response: { 200: { ...ref(Ready), description: 'Ready to serve.' }, 503: problemResponse('Not ready: the database does not answer.') }
    }
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    try {
      app.content.ping()
    } catch (error) {
      request.log.error({ err: error }, 'readiness check failed')
      throw new HttpProblem(503, 'service-unavailable', 'The content database does not answer.', {}, { 'retry-after': '5' })
    }
    // A string, not an object: the first answer after start-up does not wait for a serializer to be compiled.
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ status: 'ready' as const, contentVersion: app.content.contentVersion }))
  })
}
