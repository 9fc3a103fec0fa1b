/**
 * The baseline of the benchmark: a bare node:http server that answers the recorded URLs with the same status, headers
 * and bytes as the API, all prepared in memory before it listens — the practical ceiling for Node on this machine.
 * Run as a child process: `node baseline.js RECORDINGS.json PORT`.
 */
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

export interface Recording {
  key: string
  status: number
  headers: Record<string, string>
  body: string // base64
}

/** Requests are told apart by what the API negotiates on. */
export function recordingKey (url: string, headers: Record<string, string | string[] | undefined>, method = 'GET'): string {
  const get = (name: string) => String(headers[name] ?? '')
  return [method, url, get('accept'), get('accept-language'), get('accept-encoding'), get('if-none-match')].join('\n')
}

/* c8 ignore start - runs only as the benchmark's child process */
if (process.argv[1]?.endsWith('baseline.js') === true || process.argv[1]?.endsWith('baseline.ts') === true) {
  const recordings = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Recording[]
  const responses = new Map(recordings.map((recording) => [recording.key, { ...recording, bytes: Buffer.from(recording.body, 'base64') }]))
  const server = createServer((request, response) => {
    // A POST's body (the MCP scenario) is the same on every request: it is read and dropped, as the API reads it.
    request.resume()
    const found = responses.get(recordingKey(request.url ?? '/', request.headers, request.method))
    if (found === undefined) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(found.status, found.headers)
    response.end(found.bytes)
  })
  server.keepAliveTimeout = 72_000
  server.listen(Number(process.argv[3]), '127.0.0.1', () => console.log('baseline ready'))
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}
/* c8 ignore stop */
