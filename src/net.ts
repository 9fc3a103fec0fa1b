import { createServer } from 'node:net'

/** A TCP port on 127.0.0.1 that is free now (the OS picks it), for servers started by the benchmark and the tests. */
export async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      /* c8 ignore next - a listening TCP server always has an address object */
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
