/**
 * Test helpers: build the database from content into the test's own folder, and the app exactly as production
 * builds it (same plugins, same AJV options).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.ts'
import type { LimitOptions } from '../src/plugins/limits.ts'
import { buildContentDatabase } from '../src/db/build.ts'
import { PROJECT_ROOT } from '../src/paths.ts'
import { loadContent } from '../seed/load.ts'

export const FIXTURE_CONTENT = join(PROJECT_ROOT, 'test', 'fixtures', 'content')
export const REAL_CONTENT = join(PROJECT_ROOT, 'seed', 'content')
export const BASE_URL = 'http://api.test'

interface Teardown { teardown: (fn: () => unknown) => void }

export function tempDir (t: Teardown, prefix = 'als-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A copy of a content folder that a test may break. */
export function copyContent (t: Teardown, from = FIXTURE_CONTENT): string {
  const dir = join(tempDir(t), 'content')
  cpSync(from, dir, { recursive: true })
  return dir
}

export function buildDatabase (t: Teardown, contentDir = FIXTURE_CONTENT): string {
  const result = loadContent(contentDir)
  if (!result.ok) throw new Error(`content invalid: ${JSON.stringify(result.problems.slice(0, 5))}`)
  const path = join(tempDir(t), 'als.db')
  buildContentDatabase(result.content, path)
  return path
}

/**
 * The app as production builds it, except that the rate limit and load shedding are off unless a test asks for
 * them (`limits`): a test must not fail because a shared machine is slow, or because it sends many requests.
 */
export async function buildTestApp (t: Teardown, options: { contentDir?: string, databasePath?: string, limits?: Partial<LimitOptions>, trustProxy?: number } = {}): Promise<FastifyInstance> {
  const databasePath = options.databasePath ?? buildDatabase(t, options.contentDir)
  const app = await buildApp({ databasePath, baseUrl: BASE_URL, limits: { rateLimit: false, underPressure: false, ...options.limits }, trustProxy: options.trustProxy })
  t.teardown(() => app.close())
  return app
}
