/**
 * The cache tier (issue 18), with the real nginx: `npm run cluster` (src/cli/cluster.ts) starts replicas and nginx
 * with deploy/nginx.conf. Cache hits, 304 through the gateway, Vary honoured, a replica killed under load costing
 * no request, a release under load (`npm run release`) with every body wholly one release, and the gateway's rate
 * limit as problem+json. Skipped, with the reason, where nginx is not installed (.ci/run installs it).
 */
import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { buildDatabase, copyContent, tempDir } from './helpers.ts'
import { PROJECT_ROOT } from '../src/paths.ts'
import { findNginx, NGINX_MISSING, parseClusterArgs, renderNginxConfig, UsageError, type ClusterState } from '../src/cli/cluster.ts'
import { waitForVersion } from '../src/cli/release.ts'

t.test('cluster options and the nginx configuration', async (t) => {
  const options = parseClusterArgs(['--replicas', '3', '--port', '9000'], { DATABASE_PATH: '/tmp/x.db' })
  t.match(options, { replicas: 3, port: 9000, replicaPort: 9001, rate: 50, burst: 100, freshSeconds: 2, databasePath: '/tmp/x.db', fromSource: false })
  t.match(parseClusterArgs([], {}), { replicas: 2, port: 8080, databasePath: /data\/als\.db$/ })
  t.throws(() => parseClusterArgs(['--replicas', '0']), new UsageError('--replicas must be an integer from 1 to 32, not "0"'))
  t.throws(() => parseClusterArgs(['--port', 'x']), { message: '--port must be an integer from 1 to 65535, not "x"' })
  t.throws(() => parseClusterArgs(['--nope']), { message: /Unknown option '--nope'/ })
  const template = readFileSync(join(PROJECT_ROOT, 'deploy', 'nginx.conf'), 'utf8')
  const rendered = renderNginxConfig(template, { ...options, prefix: '/run/als' }, true)
  t.match(rendered, /^user root;/m)
  t.notMatch(renderNginxConfig(template, options, false), /^user /m)
  t.match(rendered, /server 127\.0\.0\.1:9003 max_fails=1/)
  t.match(rendered, /listen 127\.0\.0\.1:9000;/)
  t.notMatch(rendered, /\{\{/, 'every placeholder is filled')
  t.throws(() => renderNginxConfig('{{nope}}', options, false), /unknown placeholder \{\{nope\}\}/)
  t.equal(findNginx({ NGINX: '/nonexistent' }) === '/nonexistent', false)
  t.match(NGINX_MISSING, /apt-get install -y nginx/)
  t.equal(await waitForVersion(1, 'x', 200), false, 'waiting for a version on a closed port gives up')
})

const nginx = findNginx()

t.test('through nginx: cache, revalidation, Vary, a killed replica, a release under load, the rate limit', { skip: nginx === undefined ? NGINX_MISSING : false, timeout: 180_000 }, async (t) => {
  const dir = tempDir(t)
  const databasePath = join(dir, 'als.db')
  writeFileSync(databasePath, readFileSync(buildDatabase(t)))
  const port = 20000 + Math.floor(Math.random() * 20000)
  const env = { ...process.env, DATABASE_PATH: databasePath, ALS_CLUSTER_DIR: join(dir, 'cluster'), LOG_LEVEL: 'warn', MAX_EVENT_LOOP_DELAY_MS: '0', MAX_HEAP_USED_MB: '0', RATE_LIMIT_MAX: '0' }
  const cluster = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'cluster.ts'), '--replicas', '2', '--port', String(port), '--from-source', '--rate', '300', '--burst', '100', '--fresh', '1', '--prefix', join(dir, 'cluster')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  cluster.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  cluster.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => cluster.on('exit', (code) => resolve(code)))
  t.teardown(() => { if (cluster.exitCode === null) cluster.kill('SIGKILL') })
  for (let i = 0; i < 1200 && !/cluster ready/.test(output); i++) {
    if (cluster.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.match(output, /cluster ready: http:\/\/127\.0\.0\.1:\d+ → nginx .* → 2 replicas/, 'one line when ready')
  t.equal(output.split('\n').filter((line) => /cluster ready/.test(line)).length, 1)
  const gateway = `http://127.0.0.1:${port}`
  const state = JSON.parse(readFileSync(join(dir, 'cluster', 'state.json'), 'utf8')) as ClusterState
  t.equal(state.replicas.length, 2)

  // Cache: a miss, then a hit; If-None-Match through nginx is a 304; English and Turkish never cross.
  const first = await fetch(`${gateway}/v1/topics/symptoms`)
  t.equal(first.headers.get('x-cache-status'), 'MISS')
  const second = await fetch(`${gateway}/v1/topics/symptoms`)
  t.equal(second.headers.get('x-cache-status'), 'HIT')
  t.equal(second.headers.get('etag'), first.headers.get('etag'))
  const notModified = await fetch(`${gateway}/v1/topics/symptoms`, { headers: { 'if-none-match': first.headers.get('etag') as string } })
  t.equal(notModified.status, 304)
  const titles: string[] = []
  for (const language of ['en', 'tr', 'en', 'tr']) {
    const res = await fetch(`${gateway}/v1/topics/symptoms`, { headers: { 'accept-language': language } })
    t.equal(res.headers.get('content-language'), language)
    titles.push((await res.json() as { title: string }).title)
  }
  t.same(titles, ['Symptoms', 'Belirtiler', 'Symptoms', 'Belirtiler'], 'Vary: an English and a Turkish answer never cross')
  const gzip = await fetch(`${gateway}/v1/topics/symptoms`, { headers: { 'accept-encoding': 'gzip' } })
  t.equal(gzip.headers.get('content-encoding'), 'gzip')
  await fetch(`${gateway}/ready`)
  t.not((await fetch(`${gateway}/ready`)).headers.get('x-cache-status'), 'HIT', 'no-store answers are not kept')

  // A replica killed with SIGKILL mid-run costs no failed request (bounded load, under the gateway limit).
  const load = autocannon({ url: `${gateway}/ready`, connections: 4, duration: 4, overallRate: 100 })
  await new Promise((resolve) => setTimeout(resolve, 1500))
  process.kill(state.replicas[0].pid, 'SIGKILL')
  const result = await load
  t.ok(result['2xx'] > 100, `requests were served (${result['2xx']})`)
  t.equal(result.errors + result.timeouts, 0, 'no connection error')
  t.equal(result.non2xx, 0, `no failed request while a replica died ${JSON.stringify(result.statusCodeStats)}`)
  for (let i = 0; i < 100 && !/starting it again/.test(output); i++) await new Promise((resolve) => setTimeout(resolve, 100))
  t.match(output, /replica 1 \(port \d+\) exited \(SIGKILL\); starting it again/)

  // A release under load: every body is wholly the old or the new release, none fails, then the new ETag is served.
  const content = copyContent(t)
  const metaPath = join(content, 'meta.yaml')
  writeFileSync(metaPath, readFileSync(metaPath, 'utf8').replace(/^version: .*$/m, 'version: 2099.01.01'))
  const seen = new Map<string, number>()
  const failures: string[] = []
  const reading = { on: true }
  const reader = async () => {
    while (reading.on) {
      try {
        const res = await fetch(`${gateway}/v1/topics/symptoms?lang=tr`)
        if (res.status !== 200) failures.push(String(res.status))
        const version = (await res.json() as { provenance: { contentVersion: string } }).provenance.contentVersion
        seen.set(version, (seen.get(version) ?? 0) + 1)
      } catch (error) {
        failures.push((error as Error).message)
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const readers = Array.from({ length: 3 }, reader)
  const release = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'release.ts'), '--content', content], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess
  let releaseOutput = ''
  release.stdout?.on('data', (chunk: Buffer) => { releaseOutput += chunk.toString() })
  release.stderr?.on('data', (chunk: Buffer) => { releaseOutput += chunk.toString() })
  const code = await new Promise<number | null>((resolve) => release.on('exit', resolve))
  t.equal(code, 0, releaseOutput)
  t.match(releaseOutput, /content 2099\.01\.01 is served by all 2 replicas/)
  for (let i = 0; i < 100 && (seen.get('2099.01.01') ?? 0) < 5; i++) await new Promise((resolve) => setTimeout(resolve, 100))
  reading.on = false
  await Promise.all(readers)
  t.same(failures, [], 'no request failed during the release')
  t.same([...seen.keys()].sort(), ['2000.01.01', '2099.01.01'], 'every body is wholly the old or the new release')
  // The gateway keeps an answer --fresh seconds, then revalidates it: the new ETag follows within seconds.
  let etag = first.headers.get('etag')
  for (let i = 0; i < 50 && etag === first.headers.get('etag'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    etag = (await fetch(`${gateway}/v1/topics/symptoms`)).headers.get('etag')
  }
  t.not(etag, first.headers.get('etag'), 'after the release the gateway serves the new ETag')

  // Over the gateway's limit: 429 problem+json with Retry-After.
  // A flood empties this client's bucket; then a burst of requests meets the limit, and the refusals are read whole.
  const flood = await autocannon({ url: `${gateway}/v1/topics/symptoms`, connections: 20, amount: 3000 })
  const burst = await Promise.all(Array.from({ length: 800 }, async () => {
    const res = await fetch(`${gateway}/v1/topics/symptoms`)
    return { res, body: await res.text() }
  }))
  t.ok(flood.non2xx > 0, `the flood met the limit (${flood.non2xx} refused of ${flood['2xx'] + flood.non2xx})`)
  const refused = burst.find(({ res }) => res.status === 429)
  const limited = refused?.res
  t.equal(limited?.status, 429, JSON.stringify([...new Set(burst.map(({ res }) => res.status))]))
  t.equal(limited?.headers.get('content-type'), 'application/problem+json')
  t.equal(limited?.headers.get('retry-after'), '1')
  t.match(JSON.parse(refused?.body ?? '{}'), { type: '/problems/too-many-requests', status: 429, title: 'Too Many Requests' })

  cluster.kill('SIGTERM')
  t.equal(await exited, 0, 'Ctrl-C or SIGTERM stops everything')
})
