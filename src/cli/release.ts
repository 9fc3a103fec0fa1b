/**
 * `npm run release [-- --content DIR]`: a content release without downtime. Builds the new database beside the old
 * one and moves it into place atomically (as `npm run seed` does: invalid content changes nothing), then signals the
 * replicas of the running cluster (data/cluster/state.json) one at a time with SIGHUP, each only after the previous
 * one serves the new release. Each replica checks the new file before it swaps; caches revalidate on the new ETags.
 */
import { readFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { formatProblem, loadContent } from '../../seed/load.ts'
import { buildContentDatabase } from '../db/build.ts'
import { DEFAULT_CONTENT_DIR, DEFAULT_DATABASE_PATH } from '../paths.ts'
import { STATE_PATH, type ClusterState } from './cluster.ts'

export async function waitForVersion (port: number, version: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const body = await (await fetch(`http://127.0.0.1:${port}/ready`)).json() as { contentVersion?: string }
      if (body.contentVersion === version) return true
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

/* c8 ignore start - runs only as `npm run release`, in a child process of test/cluster.test.ts */
async function main (): Promise<number> {
  const { values } = parseArgs({ options: { content: { type: 'string', default: DEFAULT_CONTENT_DIR } } })
  const state = existsSync(STATE_PATH) ? JSON.parse(readFileSync(STATE_PATH, 'utf8')) as ClusterState : undefined
  const databasePath = state?.databasePath ?? process.env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH
  const loaded = loadContent(resolve(values.content))
  if (!loaded.ok) {
    for (const problem of loaded.problems) console.error(formatProblem(problem))
    console.error(`release: ${loaded.problems.length} problem(s) in the content; nothing was changed`)
    return 1
  }
  const summary = buildContentDatabase(loaded.content, databasePath)
  console.log(`release: built ${summary.path} (content ${summary.contentVersion}) and moved it into place`)
  if (state === undefined) {
    console.log('release: no cluster is running (no data/cluster/state.json); a single server reloads with: kill -HUP <pid>')
    return 0
  }
  for (const [index, replica] of state.replicas.entries()) {
    process.kill(replica.pid, 'SIGHUP')
    if (!await waitForVersion(replica.port, summary.contentVersion)) {
      console.error(`release: replica ${index + 1} (port ${replica.port}) does not serve ${summary.contentVersion} after 30 s; stopping here (see its log)`)
      return 1
    }
    console.log(`release: replica ${index + 1} (port ${replica.port}) serves ${summary.contentVersion}`)
  }
  console.log(`release: content ${summary.contentVersion} is served by all ${state.replicas.length} replicas`)
  return 0
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.exitCode = await main()
}
/* c8 ignore stop */
