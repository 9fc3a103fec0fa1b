/**
 * The MCP server over the content store: tools (tools.ts) and the topics and statements as resources
 * (`als://topics/{id}`, `als://statements/{id}`, `?lang=tr` for Turkish). Stateless: a `Server` of the SDK is made for
 * each HTTP request (the SDK's own advice, so that concurrent requests never share a transport); everything it
 * answers with (tool list, schemas, resource list) is prepared once, here.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import {
  CallToolRequestSchema, ErrorCode, ListResourcesRequestSchema, ListResourceTemplatesRequestSchema, ListToolsRequestSchema, McpError,
  ReadResourceRequestSchema, type CallToolResult, type Tool
} from '@modelcontextprotocol/sdk/types.js'
import { LANGUAGES, type Language } from '../../schemas/common.ts'
import type { TopicId } from '../../schemas/topics/index.ts'
import type { ContentStore } from '../db/store.ts'
import { argumentChecker, createTools, ToolError } from './tools.ts'

/** MCP's code for an unknown resource (specification, "Resources: error handling"). */
export const RESOURCE_NOT_FOUND = -32002
const JSON_MIME = 'application/json'

export interface McpOptions { content: ContentStore, version: string }

export function createMcpFactory ({ content, version }: McpOptions): () => Server {
  const tools = createTools(content)
  const checkers = new Map(tools.map((tool) => [tool.name, argumentChecker(tool.inputSchema)]))
  const byName = new Map(tools.map((tool) => [tool.name, tool]))
  const listed: Tool[] = tools.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema as Tool['inputSchema'],
    outputSchema: tool.outputSchema as Tool['outputSchema'],
    annotations: { title: tool.title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false }
  }))

  const topicIds = content.topicIds
  const resources = topicIds.map((id) => {
    const topic = content.topic(id, 'en')
    return { uri: `als://topics/${id}`, name: id, title: topic.title, description: topic.summary, mimeType: JSON_MIME }
  })
  const templates = [
    { uriTemplate: 'als://topics/{id}{?lang}', name: 'topic', title: 'A topic, whole', description: `One topic as JSON (the same document as GET /v1/topics/{id}): ${topicIds.join(', ')}; lang en or tr.`, mimeType: JSON_MIME },
    { uriTemplate: 'als://statements/{id}{?lang}', name: 'statement', title: 'One cited claim', description: 'One statement with its citations resolved (GET /v1/statements/{id}).', mimeType: JSON_MIME }
  ]

  const callTool = (name: string, args: unknown): CallToolResult => {
    const tool = byName.get(name)
    if (tool === undefined) throw new McpError(ErrorCode.InvalidParams, `Unknown tool "${name}"; the tools are: ${tools.map((item) => item.name).join(', ')}.`)
    try {
      const checked = (checkers.get(name) as (value: unknown) => Record<string, unknown>)(args)
      const result = tool.run(checked)
      return { content: [{ type: 'text', text: result.text }], structuredContent: result.structured }
    } catch (error) {
      if (error instanceof ToolError) return { content: [{ type: 'text', text: error.message }], isError: true }
      /* c8 ignore next 2 - a fault of the server, not of the arguments: the SDK answers it as a JSON-RPC internal error */
      throw error
    }
  }

  const readResource = (uri: string) => {
    const match = /^als:\/\/(topics|statements)\/([^/?#]+)(?:\?lang=([a-z]+))?$/.exec(uri)
    const lang = (match?.[3] ?? 'en') as Language
    if (match === null || !LANGUAGES.includes(lang)) throw new McpError(RESOURCE_NOT_FOUND, `No resource ${uri}; see resources/list and resources/templates/list.`, { uri })
    const [, kind, id] = match as unknown as [string, string, string]
    if (kind === 'topics') {
      if (!topicIds.includes(id as TopicId)) throw new McpError(RESOURCE_NOT_FOUND, `No topic "${id}"; the topics are: ${topicIds.join(', ')}.`, { uri })
      return { contents: [{ uri, mimeType: JSON_MIME, text: content.topicJson(id as TopicId, lang).body }] }
    }
    const statement = content.entities.statement(id, lang)
    if (statement === undefined) throw new McpError(RESOURCE_NOT_FOUND, `No statement "${id}".`, { uri })
    const body = { ...statement, provenance: content.provenance(lang, content.topic(statement.topic as TopicId, lang).lastReviewed) }
    return { contents: [{ uri, mimeType: JSON_MIME, text: JSON.stringify(body) }] }
  }

  const instructions = 'Cited, bilingual (English/Turkish) reference content about amyotrophic lateral sclerosis (ALS, motor neuron disease). ' +
    'Start with the search tool; quote claims with their statement ids and sources; show the attribution and the disclaimer ' +
    'that come with every result. The content is for information and is not medical advice.'

  return () => {
    const server = new Server({ name: 'als-reference-api', title: 'ALS Reference API', version }, { capabilities: { tools: {}, resources: {} }, instructions })
    server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }))
    server.setRequestHandler(CallToolRequestSchema, (request) => callTool(request.params.name, request.params.arguments))
    server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources }))
    server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({ resourceTemplates: templates }))
    server.setRequestHandler(ReadResourceRequestSchema, (request) => readResource(request.params.uri))
    return server
  }
}
