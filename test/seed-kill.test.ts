import t from 'tap'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, watch, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { runSeed } from '../seed/index.ts'
import { PROJECT_ROOT } from '../src/paths.ts'
import { FIXTURE_CONTENT, tempDir } from './helpers.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
const quiet = { out: () => {}, err: () => {} }

/** Runs the seed CLI in a child process and SIGKILLs it the moment its temporary database appears. */
async function seedKilledMidBuild (dir: string, db: string): Promise<{ killedMidBuild: boolean }> {
  const watcher = watch(dir)
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'seed', 'index.ts'), '--content', FIXTURE_CONTENT, '--db', db], { cwd: PROJECT_ROOT, stdio: 'ignore' })
  let killedMidBuild = false
  watcher.on('change', (_event, name) => {
    if (String(name).endsWith('.tmp') && !killedMidBuild) {
      killedMidBuild = child.kill('SIGKILL')
    }
  })
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
  watcher.close()
  return { killedMidBuild: killedMidBuild && signal === 'SIGKILL' }
}

t.test('a seed killed mid-build leaves the previous database intact, and the next seed succeeds', async (t) => {
  const dir = tempDir(t)
  const db = join(dir, 'als.db')
  t.equal(runSeed(['--content', FIXTURE_CONTENT, '--db', db], {}, quiet), 0)
  let killed = 0
  for (let attempt = 0; attempt < 5 && killed === 0; attempt++) {
    const before = sha(db)
    const { killedMidBuild } = await seedKilledMidBuild(dir, db)
    if (!killedMidBuild) continue
    killed++
    t.equal(sha(db), before, 'the previous database is byte-for-byte unchanged')
    const previous = new Database(db, { readonly: true })
    t.equal(previous.pragma('integrity_check', { simple: true }), 'ok')
    t.equal((previous.prepare('SELECT count(*) AS n FROM topics').get() as { n: number }).n, TOPIC_IDS.length)
    previous.close()
  }
  t.equal(killed, 1, 'the seed was killed while it was writing its temporary database')
  t.ok(readdirSync(dir).some((name) => name.endsWith('.tmp')), 'the killed seed left its temporary file')
  // A temporary file of a process that is still running (this one) is another build in progress: left alone.
  const inProgress = join(dir, `.als.db.${process.pid}.feedbeef.tmp`)
  writeFileSync(inProgress, 'another build')
  const before = sha(db)
  t.equal(runSeed(['--content', FIXTURE_CONTENT, '--db', db], {}, quiet), 0, 'the next seed succeeds')
  t.not(sha(db), before, 'and replaces the database')
  t.same(readdirSync(dir).filter((name) => name.endsWith('.tmp')), [`.als.db.${process.pid}.feedbeef.tmp`], 'and removes what the killed seed left, but not a live build\'s file')
  const next = new Database(db, { readonly: true })
  t.equal(next.pragma('integrity_check', { simple: true }), 'ok')
  next.close()
})
