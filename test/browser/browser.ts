/**
 * Browser test helpers: the API listening on a real port (its base URL is its own address, so links and the
 * OpenAPI server work), a host page on a second origin, and Debian's chromium driven by playwright-core.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { PROJECT_ROOT } from '../../src/paths.ts'
import { buildDatabase } from '../helpers.ts'
import { freePort } from '../../src/net.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const SKIP = existsSync(CHROMIUM) ? false : `chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) to run the browser tests; CI does`
export const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? join(PROJECT_ROOT, 'test-output', 'screenshots')

interface Teardown { teardown: (fn: () => unknown) => void }

/** The app, listening on 127.0.0.1 with its own address as base URL. */
export async function startApi (t: Teardown, contentDir?: string): Promise<{ app: FastifyInstance, origin: string }> {
  const databasePath = buildDatabase(t, contentDir)
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const app = await buildApp({ databasePath, baseUrl: origin })
  t.teardown(() => app.close())
  await app.listen({ port, host: '127.0.0.1' })
  return { app, origin }
}

/** A static page served from another origin (another port). */
export async function startHost (t: Teardown, html: string): Promise<string> {
  const server: Server = createHttpServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise((resolve) => {
    server.close(resolve)
    server.closeAllConnections() // the browser keeps connections alive
  }))
  const address = server.address()
  /* c8 ignore next - a listening TCP server always has an address object */
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return `http://localhost:${port}`
}

/** Chromium with a fresh profile, closed (and the profile removed) at teardown. */
export async function launchBrowser (t: Teardown): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'als-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP localhost 127.0.0.1'],
    viewport: { width: 1280, height: 800 },
    // Touch as well as a mouse, so that tests can tap as a phone reader does.
    hasTouch: true
  })
  t.teardown(async () => {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  })
  return context
}

export function screenshotDir (): string {
  mkdirSync(SCREENSHOTS, { recursive: true })
  return SCREENSHOTS
}
