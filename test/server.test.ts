import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_ROOT } from '../src/paths.ts'
import { buildDatabase, tempDir } from './helpers.ts'

interface Started { exit: Promise<number | null>, stderr: () => string, stdout: () => string, kill: (signal: NodeJS.Signals) => void, port: Promise<number> }

function startServer (env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'server.ts')], {
    cwd: PROJECT_ROOT, env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe']
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
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    rejectPort(new Error(`the server exited (${code}) before listening: ${stderr}`))
    resolve(code)
  }))
  return { exit, stderr: () => stderr, stdout: () => stdout, kill: (signal) => child.kill(signal), port }
}

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
  t.match(server.stderr(), /^als-reference-api: database .*old\.db has layout version 99, this server needs 3 \(rebuild it with "npm run seed"\)\n$/)
})
