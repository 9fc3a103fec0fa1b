/**
 * POST /mcp: the Model Context Protocol over Streamable HTTP, stateless, answering in JSON (no SSE stream is needed:
 * no tool runs long or sends progress). The SDK's web-standard transport gets a `Request` built from the Fastify
 * request (body already parsed under the app's body limit) and its `Response` goes back through Fastify's reply: the
 * request passes through the same hooks as every other route (rate limit, load shedding, security headers and CORS,
 * the access log with its request id), which handing the raw socket to the SDK (`reply.hijack()`) would skip.
 * GET and DELETE /mcp are 405 (a stateless server has no stream to resume and no session to end), as the
 * specification allows.
 */
import Type from 'typebox'
import type { FastifyInstance } from 'fastify'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { createMcpFactory } from '../mcp/server.ts'
import { API_VERSION } from '../version.ts'
import { problemResponse } from './topics.ts'

export const MCP_PATH = '/mcp'
/** Both, as the specification asks of clients; given for a client that sends none or `*\/*` (curl, a load tester). */
const MCP_ACCEPT = 'application/json, text/event-stream'
const FORWARDED_HEADERS = ['content-type', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'] as const

const JsonRpcMessage = Type.Object({
  jsonrpc: Type.Literal('2.0'),
  id: Type.Optional(Type.Union([Type.String(), Type.Integer()], { description: 'Request id; absent on a notification.' })),
  method: Type.String({ description: 'MCP method: initialize, tools/list, tools/call, resources/list, resources/read…', examples: ['tools/call'] }),
  params: Type.Optional(Type.Object({}, { additionalProperties: true }))
}, {
  additionalProperties: true,
  description: 'A JSON-RPC 2.0 request or notification of the Model Context Protocol.',
  examples: [{ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search', arguments: { query: 'riluzole', lang: 'en' } } }]
})

const JsonRpcResponse = Type.Object({
  jsonrpc: Type.Literal('2.0'),
  id: Type.Union([Type.String(), Type.Integer(), Type.Null()]),
  result: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'The method\'s result, e.g. a tool result with `content` and `structuredContent`.' })),
  error: Type.Optional(Type.Object({ code: Type.Integer(), message: Type.String(), data: Type.Optional(Type.Unknown()) }))
}, { additionalProperties: true, description: 'A JSON-RPC 2.0 response.' })

export default async function mcpRoutes (app: FastifyInstance): Promise<void> {
  const createServer = createMcpFactory({ content: app.content, version: API_VERSION })

  app.post(MCP_PATH, {
    schema: {
      operationId: 'mcp',
      tags: ['integrations'],
      summary: 'Model Context Protocol (Streamable HTTP, stateless)',
      description: 'An MCP server for AI assistants, over the same content: tools `search` (questions first), `get_topic` (whole or ' +
        'some sections), `get_statement`, `lookup_code`, `list_treatments`, `list_genes`, `list_symptoms`, in English or Turkish, each ' +
        'result with its statement ids, citations (DOI, PMID or URL), provenance and disclaimer, as `structuredContent` and text; ' +
        'and the topics and statements as resources (`als://topics/{id}`, `als://statements/{id}`, `?lang=tr`). JSON-RPC 2.0 ' +
        'messages are POSTed here; answers are JSON (`application/json`), no session is kept (no `Mcp-Session-Id`), and GET is 405. ' +
        'Clients send `Accept: application/json, text/event-stream` and, after `initialize`, `MCP-Protocol-Version`. ' +
        'Protocol errors are JSON-RPC errors; a bad tool argument is a tool result with `isError: true`.',
      body: JsonRpcMessage,
      response: {
        200: { ...JsonRpcResponse, description: 'The JSON-RPC response.' },
        202: { type: 'null', description: 'A notification (no `id`) was accepted; there is no body.' },
        400: {
          description: 'A body that is not a JSON-RPC message (problem+json, like every 4xx of the API), or a message the MCP server cannot ' +
            'take, e.g. an unsupported `MCP-Protocol-Version` (a JSON-RPC error).',
          content: { 'application/json': { schema: JsonRpcResponse }, 'application/problem+json': problemResponse('').content['application/problem+json'] }
        },
        406: { ...JsonRpcResponse, description: 'The client does not accept `application/json` and `text/event-stream`.' }
      }
    }
  }, async (request, reply) => {
    const headers = new Headers()
    const accept = request.headers.accept
    headers.set('accept', accept === undefined || accept.includes('*/*') ? MCP_ACCEPT : accept)
    for (const name of FORWARDED_HEADERS) {
      const value = request.headers[name]
      if (typeof value === 'string') headers.set(name, value)
    }
    const server = createServer()
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })
    await server.connect(transport)
    try {
      const response = await transport.handleRequest(new Request(`http://mcp.local${MCP_PATH}`, { method: 'POST', headers }), { parsedBody: request.body })
      reply.code(response.status as 200).header('cache-control', 'no-store')
      response.headers.forEach((value, name) => { reply.header(name, value) })
      return reply.send(await response.text())
    } finally {
      await server.close()
    }
  })
}
