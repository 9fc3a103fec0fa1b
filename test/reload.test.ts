/**
 * A content release without downtime (issue 18): the server reopens its database on SIGHUP. The new file is opened
 * and checked, the release swapped, the old one closed when its requests are done; a bad file is refused and the old
 * content keeps serving. Under concurrent requests no request fails and every body is wholly one release.
 */
import t from 'tap'
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildDatabase, copyContent, startServer, tempDir } from './helpers.ts'

const ready = async (port: number) => (await (await fetch(`http://127.0.0.1:${port}/ready`)).json()) as { contentVersion: string }

async function until (check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

t.test('SIGHUP swaps in the database now at DATABASE_PATH, under load, and refuses a bad file', async (t) => {
  const dir = tempDir(t)
  const databasePath = join(dir, 'als.db')
  copyFileSync(buildDatabase(t), databasePath)
  const content = copyContent(t)
  const metaPath = join(content, 'meta.yaml')
  writeFileSync(metaPath, readFileSync(metaPath, 'utf8').replace(/^version: .*$/m, 'version: 2099.01.01'))
  const next = buildDatabase(t, content)

  const server = startServer({ DATABASE_PATH: databasePath, RATE_LIMIT_MAX: '0' })
  const port = await server.port
  const url = `http://127.0.0.1:${port}/v1/topics/symptoms`
  const before = await fetch(url)
  const oldTag = before.headers.get('etag')
  const oldVersion = (await ready(port)).contentVersion
  t.equal(oldVersion, '2000.01.01')

  // Readers keep asking while the release happens: none fails, each body is one release, never a mix.
  const state = { running: true }
  const seen = new Map<string, number>()
  const failures: string[] = []
  const reader = async () => {
    while (state.running) {
      try {
        const res = await fetch(url)
        const body = await res.json() as { provenance: { contentVersion: string }, references: unknown[] }
        if (res.status !== 200) failures.push(String(res.status))
        const version = body.provenance.contentVersion
        seen.set(version, (seen.get(version) ?? 0) + 1)
      } catch (error) {
        failures.push((error as Error).message)
      }
    }
  }
  const readers = Array.from({ length: 6 }, reader)
  await until(async () => (seen.get(oldVersion) ?? 0) > 20, 'readers to start')
  renameSync(next, databasePath)
  server.kill('SIGHUP')
  await until(async () => (await ready(port)).contentVersion === '2099.01.01', 'the new release')
  await until(async () => (seen.get('2099.01.01') ?? 0) > 20, 'readers to see the new release')
  state.running = false
  await Promise.all(readers)
  t.same(failures, [], 'no request failed during the release')
  t.same([...seen.keys()].sort(), ['2000.01.01', '2099.01.01'], 'every body is wholly the old or the new release')

  const after = await fetch(url, { headers: { 'if-none-match': oldTag as string } })
  t.equal(after.status, 200, 'the old ETag no longer matches')
  t.not(after.headers.get('etag'), oldTag, 'the new release has a new ETag')
  await until(async () => /previous content release closed/.test(server.stdout()), 'the old release to close')
  t.match(server.stdout(), /"from":"2000\.01\.01","to":"2099\.01\.01","msg":"content reloaded"/)

  // A bad file is refused: the current release keeps serving.
  writeFileSync(join(dir, 'bad.db'), 'not a database')
  renameSync(join(dir, 'bad.db'), databasePath)
  server.kill('SIGHUP')
  await until(async () => /content reload refused/.test(server.stdout()), 'the refusal')
  t.match(server.stdout(), /content reload refused: .*content 2099\.01\.01 keeps serving/)
  t.equal((await ready(port)).contentVersion, '2099.01.01')
  t.equal((await fetch(url)).status, 200)

  // A second good release closes the first reloaded one (not the listening app) when its requests are done.
  copyFileSync(buildDatabase(t), databasePath)
  server.kill('SIGHUP')
  await until(async () => (await ready(port)).contentVersion === '2000.01.01', 'the third release')
  server.kill('SIGTERM')
  t.equal(await server.exit, 0)
  t.equal(server.stdout().match(/previous content release closed/g)?.length, 2)
})
