/**
 * `npm run bench -- --cluster`: the cache tier (issue 18) in the benchmark table. In one run, on one machine, the same
 * URL is measured against the bare node:http baseline (the same bytes), the single API process, nginx answering from
 * its cache (HIT), and nginx passing every request to the replicas (cache bypassed with X-ALS-Cache-Bypass, honoured
 * only from 127.0.0.1). Requests/s and p99, with each row's ratio to the baseline. Not pinned: the cluster is several
 * processes (nginx, replicas) sharing the cores with the load client, as they would on one machine.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpus } from 'node:os'
import { readFileSync, writeFileSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { PROJECT_ROOT } from '../paths.ts'
import { freePort } from '../net.ts'
import { recordingKey, type Recording } from './baseline.ts'

interface Measure { rps: number, p99: number, non2xx: number, errors: number }

const PATH = '/v1/topics/symptoms'

async function ready (url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} was not ready in time`)
}

async function measure (url: string, headers: Record<string, string>, connections: number, duration: number): Promise<Measure> {
  const result = await autocannon({ url, headers, connections, duration })
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts }
}

export async function runClusterBenchmark (options: { dir: string, databasePath: string, duration: number, rounds: number, connections: number, replicas: number, write: boolean }): Promise<string> {
  const children: ChildProcess[] = []
  const start = (command: string, args: string[], env: Record<string, string> = {}) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] })
    children.push(child)
    return child
  }
  try {
    const serverEnv = { HOST: '127.0.0.1', DATABASE_PATH: options.databasePath, LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '0', NODE_ENV: 'production' }
    const apiPort = await freePort()
    start(process.execPath, [join(PROJECT_ROOT, 'dist', 'start.cjs')], { ...serverEnv, PORT: String(apiPort) })
    await ready(`http://127.0.0.1:${apiPort}/ready`, Date.now() + 30_000)

    // The baseline answers the URL with the bytes and headers the API gave (read raw: fetch would decode the body).
    const answer = await new Promise<{ status: number, headers: Record<string, string>, body: Buffer }>((resolve, reject) => {
      httpGet(`http://127.0.0.1:${apiPort}${PATH}`, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(Object.entries(res.headers).map(([name, value]) => [name, String(value)])), body: Buffer.concat(chunks) }))
      }).on('error', reject)
    })
    const recordings: Recording[] = [{ key: recordingKey(PATH, {}, 'GET'), status: answer.status, headers: answer.headers, body: answer.body.toString('base64') }]
    const recordingsPath = join(options.dir, 'cluster-recordings.json')
    writeFileSync(recordingsPath, JSON.stringify(recordings))
    const baselinePort = await freePort()
    start(process.execPath, [join(PROJECT_ROOT, 'dist', 'src', 'bench', 'baseline.js'), recordingsPath, String(baselinePort)])
    await ready(`http://127.0.0.1:${baselinePort}${PATH}`, Date.now() + 10_000)

    const gatewayPort = await freePort()
    const clusterDir = join(options.dir, 'cluster')
    start(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'cluster.ts'), '--replicas', String(options.replicas), '--port', String(gatewayPort),
      '--replica-port', String(gatewayPort + 1), '--rate', '100000', '--burst', '100000', '--fresh', '60', '--prefix', clusterDir],
    { ...serverEnv, ALS_CLUSTER_DIR: clusterDir })
    await ready(`http://127.0.0.1:${gatewayPort}/ready`, Date.now() + 60_000)

    const targets: Array<{ name: string, url: string, headers: Record<string, string> }> = [
      { name: 'bare node:http baseline', url: `http://127.0.0.1:${baselinePort}${PATH}`, headers: {} },
      { name: 'single API process', url: `http://127.0.0.1:${apiPort}${PATH}`, headers: {} },
      { name: `nginx cache hits (${options.replicas} replicas behind)`, url: `http://127.0.0.1:${gatewayPort}${PATH}`, headers: {} },
      { name: `nginx → ${options.replicas} replicas (cache bypassed)`, url: `http://127.0.0.1:${gatewayPort}${PATH}`, headers: { 'x-als-cache-bypass': '1' } }
    ]
    await fetch(targets[2]?.url as string)
    const status = (await fetch(targets[2]?.url as string)).headers.get('x-cache-status')
    const bypass = (await fetch(targets[3]?.url as string, { headers: { 'x-als-cache-bypass': '1' } })).headers.get('x-cache-status')
    const runs = new Map<string, Measure[]>(targets.map((target) => [target.name, []]))
    for (const target of targets) await measure(target.url, target.headers, options.connections, 1) // warm up
    for (let round = 0; round < options.rounds; round++) {
      for (const target of targets) (runs.get(target.name) as Measure[]).push(await measure(target.url, target.headers, options.connections, options.duration))
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
    const rows = targets.map((target) => {
      const measures = runs.get(target.name) as Measure[]
      return { name: target.name, rps: median(measures.map((m) => m.rps)), p99: median(measures.map((m) => m.p99)), failed: measures.reduce((sum, m) => sum + m.non2xx + m.errors, 0) }
    })
    const base = rows[0] as { rps: number, p99: number }
    const markdown = [
      '<!-- cluster:start -->',
      `### Cache tier (\`npm run bench -- --cluster\`), ${new Date().toISOString().slice(0, 10)}`,
      '',
      `\`GET ${PATH}\` (English JSON, ${Math.round(Buffer.byteLength(Buffer.from(recordings[0]?.body ?? '', 'base64')) / 1024)} KiB), ${options.connections} connections, ${options.rounds} rounds of ${options.duration} s, medians; ` +
      `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, Debian nginx (deploy/nginx.conf: 1 worker, keep-alive to the replicas), ` +
      `${options.replicas} replicas; everything, load client included, on this one machine, unpinned. Gateway answers seen: \`X-Cache-Status: ${status ?? '?'}\` and \`${bypass ?? '?'}\`.`,
      '',
      '| target | req/s | ratio to baseline | p99 ms | p99 ratio | failed |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows.map((row) => `| ${row.name} | ${Math.round(row.rps)} | ${(row.rps / base.rps).toFixed(2)} | ${row.p99} | ${(row.p99 / Math.max(base.p99, 1)).toFixed(2)} | ${row.failed} |`),
      '<!-- cluster:end -->'
    ].join('\n')
    if (options.write) {
      const path = join(PROJECT_ROOT, 'BENCHMARKS.md')
      const current = readFileSync(path, 'utf8')
      const marked = /<!-- cluster:start -->[\s\S]*<!-- cluster:end -->/
      writeFileSync(path, marked.test(current) ? current.replace(marked, markdown) : `${current.trimEnd()}\n\n${markdown}\n`)
    }
    return markdown
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}
