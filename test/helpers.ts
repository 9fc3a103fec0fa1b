/**
 * Test helpers: build the database from content into the test's own folder, and the app exactly as production
 * builds it (same plugins, same AJV options).
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.ts'
import type { LimitOptions } from '../src/plugins/limits.ts'
import { buildContentDatabase } from '../src/db/build.ts'
import { BUNDLE_PATH, PROJECT_ROOT } from '../src/paths.ts'
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

/**
 * A bundle is generated code, covered through its sources in src/: tap's coverage recorder (@tapjs/processinfo,
 * which hooks every child process) is told to leave those files out of the report.
 */
function withoutCoverageOf (files: string[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, _TAPJS_PROCESSINFO_COV_EXCLUDE_FILES_: files.join('\n') }
}

export interface Started { exit: Promise<number | null>, stderr: () => string, stdout: () => string, kill: (signal: NodeJS.Signals) => void, port: Promise<number> }

/**
 * The real server in a child process, on a random port of 127.0.0.1: src/main.ts (through tsx), or `entry`, the
 * built launcher (dist/start.cjs, what `npm start` runs, which loads the bundle dist/server.cjs).
 */
export function startServer (env: Record<string, string>, entry?: string): Started {
  const child = spawn(process.execPath, entry === undefined ? ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'main.ts')] : [entry], {
    cwd: PROJECT_ROOT,
    // No load shedding: a child server on a busy machine would shed its first requests (start-up blocks the event loop).
    env: { ...(entry === undefined ? process.env : withoutCoverageOf([entry, BUNDLE_PATH], process.env)), HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_HEAP_USED_MB: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  let resolvePort: (port: number) => void
  let rejectPort: (error: Error) => void
  const port = new Promise<number>((resolve, reject) => { resolvePort = resolve; rejectPort = reject })
  port.catch(() => {})
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)
    if (match !== null) resolvePort(Number(match[1]))
  })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => { // 'close': after the output is read, not just the exit
    rejectPort(new Error(`the server exited (${code}) before listening: ${stderr}`))
    resolve(code)
  }))
  return { exit, stderr: () => stderr, stdout: () => stdout, kill: (signal) => child.kill(signal), port }
}
