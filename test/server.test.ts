import t from 'tap'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildDatabase, startServer, tempDir } from './helpers.ts'
import { bundleServer } from '../src/cli/bundle.ts'
import { CODE_CACHE_PATH, START_PATH } from '../src/paths.ts'
import { DATABASE_SCHEMA_VERSION } from '../src/db/build.ts'

t.test('the server serves a built database and shuts down cleanly on SIGTERM', async (t) => {
  const server = startServer({ DATABASE_PATH: buildDatabase(t) })
  const port = await server.port
  const res = await fetch(`http://127.0.0.1:${port}/v1/topics/symptoms?lang=tr`)
  t.equal(res.status, 200)
  t.equal(((await res.json()) as { title: string }).title, 'Belirtiler')
  server.kill('SIGTERM')
  t.equal(await server.exit, 0)
  t.match(server.stdout(), /"msg":"closing"/)
})

t.test('the server builds the database from seed/content when it is missing', async (t) => {
  const databasePath = join(tempDir(t), 'fresh', 'als.db')
  const server = startServer({ DATABASE_PATH: databasePath })
  const port = await server.port
  t.match(server.stderr(), /not found: building it from .*seed\/content/)
  t.ok(existsSync(databasePath))
  const res = await fetch(`http://127.0.0.1:${port}/ready`)
  t.equal(res.status, 200)
  server.kill('SIGTERM')
  t.equal(await server.exit, 0)
})

t.test('a bad configuration stops the server with one clear line', async (t) => {
  const server = startServer({ PORT: 'eighty' })
  t.equal(await server.exit, 1)
  t.equal(server.stderr(), 'als-reference-api: invalid environment variable PORT="eighty": must be integer\n')
})

t.test('a database of another layout version stops the server with one clear line', async (t) => {
  const dir = tempDir(t)
  const path = join(dir, 'old.db')
  const Database = (await import('better-sqlite3')).default
  const db = new Database(path)
  db.pragma('user_version = 99')
  db.close()
  const server = startServer({ DATABASE_PATH: path })
  t.equal(await server.exit, 1)
  t.match(server.stderr(), new RegExp(String.raw`^als-reference-api: database .*old\.db has layout version 99, this server needs ${DATABASE_SCHEMA_VERSION} \(rebuild it with "npm run seed"\)\n$`))
})

t.test('a corrupt or truncated database file stops the server with one clear line', async (t) => {
  const dir = tempDir(t)
  const garbage = join(dir, 'garbage.db')
  writeFileSync(garbage, 'not a database at all, '.repeat(100))
  const truncated = join(dir, 'truncated.db')
  const whole = readFileSync(buildDatabase(t))
  writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 3)))
  for (const [path, message] of [[garbage, /cannot be read: file is not a database/], [truncated, /(?:is not a valid content database|cannot be read): .*(?:malformed|not a database)/]] as const) {
    const server = startServer({ DATABASE_PATH: path })
    t.equal(await server.exit, 1, path)
    t.match(server.stderr(), message)
    t.equal(server.stderr().trim().split('\n').length, 1, 'one line, no stack trace')
  }
})

t.test('the production bundle (npm start) builds its database when missing, serves the API and the docs, and stops on SIGTERM', async (t) => {
  const sizes = await bundleServer()
  t.ok(sizes.bundle > 100_000, 'one file with the app and its dependencies')
  t.ok(sizes.codeCache > 100_000, 'and its code cache')
  const databasePath = join(tempDir(t), 'bundle', 'als.db')
  const server = startServer({ DATABASE_PATH: databasePath }, START_PATH)
  const port = await server.port
  t.match(server.stderr(), /not found: building it from .*seed\/content/, 'the bundle finds seed/content beside it')
  t.notMatch(server.stderr(), /code cache/, 'the code cache made by the build is accepted')
  const base = `http://127.0.0.1:${port}`
  const topic = await fetch(`${base}/v1/topics/symptoms?lang=tr`)
  t.equal(topic.status, 200)
  t.equal(((await topic.json()) as { lang: string }).lang, 'tr')
  t.equal(topic.headers.get('access-control-allow-origin'), '*')
  const docs = await fetch(`${base}/docs/static/index.html`)
  t.equal(docs.status, 200, 'Swagger UI, loaded on demand, serves its own files from its package')
  t.match(await docs.text(), /swagger-ui/)
  const spec = await fetch(`${base}/openapi.json`)
  t.equal(((await spec.json()) as { openapi: string }).openapi, '3.1.0')
  const embed = await fetch(`${base}/embed/topics/genetics`)
  t.match(await embed.text(), /<html lang="en"/)
  server.kill('SIGTERM')
  t.equal(await server.exit, 0)
  t.match(server.stdout(), /"msg":"request completed"/, 'the buffered access log is written out at exit')
})

t.test('a code cache from another Node.js build is refused: the server says so in one line and starts without it', async (t) => {
  if (!existsSync(CODE_CACHE_PATH)) await bundleServer()
  const good = readFileSync(CODE_CACHE_PATH)
  t.teardown(() => writeFileSync(CODE_CACHE_PATH, good))
  const foreign = Buffer.from(good)
  foreign.fill(0x5a, 0, 64)
  writeFileSync(CODE_CACHE_PATH, foreign)
  const server = startServer({ DATABASE_PATH: buildDatabase(t) }, START_PATH)
  const port = await server.port
  t.match(server.stderr(), /^als-reference-api: the code cache .*server\.cjs\.cache was made by another Node\.js build; starting without it/)
  t.equal((await fetch(`http://127.0.0.1:${port}/v1/topics/genetics`)).status, 200)
  server.kill('SIGTERM')
  t.equal(await server.exit, 0)
})
