import t from 'tap'
import { createServer } from 'node:net'
import { freePort } from '../src/net.ts'

t.test('freePort gives a port that can be listened on', async (t) => {
  const port = await freePort()
  t.ok(port > 0 && port < 65536)
  const server = createServer()
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', resolve) })
  t.equal((server.address() as { port: number }).port, port)
  await new Promise((resolve) => server.close(resolve))
})
