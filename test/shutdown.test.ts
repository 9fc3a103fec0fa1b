import t from 'tap'
import { connect, type Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildDatabase, startServer } from './helpers.ts'

/** A raw HTTP/1.1 client that can stop reading mid-response, so that the response stays in flight. */
function slowRequest (port: number, path: string): { socket: Socket, firstChunk: Promise<void>, done: Promise<string> } {
  const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`))
  const chunks: Buffer[] = []
  let resolveFirst: () => void
  const firstChunk = new Promise<void>((resolve) => { resolveFirst = resolve })
  socket.on('data', (chunk: Buffer) => { chunks.push(chunk); resolveFirst() })
  const done = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
    socket.on('error', reject)
  })
  return { socket, firstChunk, done }
}

t.test('on SIGTERM the server stops accepting, finishes the request in flight, closes, and exits 0', async (t) => {
  const server = startServer({ DATABASE_PATH: buildDatabase(t) })
  const port = await server.port
  // The Swagger UI bundle is 1.6 MB, streamed from a file: far more than the socket buffers hold.
  const inFlight = slowRequest(port, '/docs/static/swagger-ui-bundle.js')
  await inFlight.firstChunk
  inFlight.socket.pause()
  await sleep(200)
  server.kill('SIGTERM')
  await sleep(300)
  await t.rejects(fetch(`http://127.0.0.1:${port}/health`), 'no new connection is accepted')
  inFlight.socket.resume()
  const response = await inFlight.done
  const [head, body] = [response.slice(0, response.indexOf('\r\n\r\n')), response.slice(response.indexOf('\r\n\r\n') + 4)]
  t.match(head, /^HTTP\/1\.1 200 OK\r\n/)
  const length = /content-length: (\d+)/i.exec(head)?.[1]
  t.ok(length !== undefined && Number(length) > 1_000_000, 'a large response')
  t.equal(body.length, Number(length), 'the response in flight arrived whole')
  t.equal(await server.exit, 0)
  const lines = server.stdout().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
  const closing = lines.findIndex((line) => line.msg === 'closing' && line.signal === 'SIGTERM')
  t.ok(closing >= 0, 'the signal is logged')
  // The database closes after the request in flight has completed. (The 'closing' line itself may reach the pipe
  // late on a loaded machine, so it is not used to order the others.)
  const completed = lines.findIndex((line) => line.msg === 'request completed')
  t.ok(completed >= 0 && lines.findIndex((line) => line.msg === 'content database closed') > completed, 'then the database is closed', { lines: lines.map((line) => line.msg) })
  t.match(lines.find((line) => line.msg === 'request completed'), { reqId: String, route: '/docs/*', status: 200, durationMs: Number, url: '/docs/static/swagger-ui-bundle.js' })
})
