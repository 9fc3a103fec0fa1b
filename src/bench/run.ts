/**
 * `npm run bench` — the API against a bare node:http baseline that answers the same URLs with the same bytes and
 * headers, over loopback, one after the other, with the same connections, duration and pipelining. Prints requests/s,
 * p50/p99 latency and the ratio to the baseline per scenario; also cold start to first ready response, seed build
 * time and RSS after the runs. Writes the table to BENCHMARKS.md (between markers) and, with --json FILE, JSON.
 * Both servers are warmed up (1 s) on each scenario, then measured in turns, `--rounds` times, and the medians are
 * compared; cold start is the median of three starts.
 * A benchmark, not a test: it asserts nothing about timings. Options: --duration S per measurement (default 3),
 * --rounds N (default 3), --connections N (default 10), --quick (1 round of 1 s, for a smoke), --only TEXT (the
 * scenarios whose name contains TEXT), --json FILE, --no-write, --no-pin (leave the processes where the scheduler puts
 * them; by default, with taskset and two CPUs or more, each server runs on CPU 1 and the load client on CPU 0),
 * --cluster (the cache tier instead: baseline, single process, nginx cache hits, nginx to the replicas; see cluster.ts)
 * with --replicas N (default 2).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { cpus, tmpdir } from 'node:os'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { PROJECT_ROOT } from '../paths.ts'
import { buildFromContent } from '../server.ts'
import { recordingKey, type Recording } from './baseline.ts'
import { freePort } from '../net.ts'
import { runClusterBenchmark } from './cluster.ts'

interface Scenario {
  name: string
  path: string
  headers?: Record<string, string>
  /** POST with this JSON body (the MCP endpoint); GET when absent. */
  body?: string
  /** Target ratio of the baseline's requests/s (issue 7). */
  target: number
}

const SCENARIOS: Scenario[] = [
  { name: 'topic JSON (en)', path: '/v1/topics/symptoms', target: 0.85 },
  { name: 'topic JSON (tr)', path: '/v1/topics/symptoms?lang=tr', target: 0.85 },
  { name: 'topic JSON, If-None-Match (304)', path: '/v1/topics/symptoms', headers: { 'if-none-match': '<etag>' }, target: 0.85 },
  { name: 'topic JSON, Accept-Encoding: br', path: '/v1/topics/treatments', headers: { 'accept-encoding': 'br' }, target: 0.85 },
  { name: 'topic JSON-LD', path: '/v1/topics/symptoms', headers: { accept: 'application/ld+json' }, target: 0.85 },
  { name: 'embed HTML', path: '/embed/topics/symptoms?lang=tr', target: 0.85 },
  { name: 'list endpoint', path: '/v1/treatments?status=approved', target: 0.85 },
  { name: 'search, common word', path: '/v1/search?q=muscle', target: 0.5 },
  { name: 'search, rare prefix', path: '/v1/search?q=fascic', target: 0.5 },
  // The same search through the MCP endpoint (issue 17): a JSON-RPC tools/call, answered with claims, citations and
  // provenance as structured content and text. Its cost is read against the REST search just above it.
  { name: 'search riluzole, REST', path: '/v1/search?q=riluzole&limit=10', target: 0.5 },
  {
    name: 'search riluzole, MCP tools/call',
    path: '/mcp',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search', arguments: { query: 'riluzole', limit: 10 } } }),
    target: 0.1
  },
  { name: '404', path: '/v1/topics/unknown-topic', target: 0.85 }
]

interface Measure { rps: number, p50: number, p99: number, non2xx: number, errors: number }
interface Row { scenario: string, pipelining: number, status: number, api: Measure, baseline: Measure, ratio: number, p99Ratio: number, target: number }

function raw (port: number, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number, headers: Record<string, string>, body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, method: body === undefined ? 'GET' : 'POST' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const out: Record<string, string> = {}
        for (const [name, value] of Object.entries(res.headers)) {
          // Per-connection and per-request headers are not part of the representation.
          if (value === undefined || ['date', 'connection', 'keep-alive', 'transfer-encoding', 'x-request-id'].includes(name)) continue
          out[name] = Array.isArray(value) ? value.join(', ') : value
        }
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Waits for a 200 on `path`, or for any answer when `path` is undefined. */
async function waitReady (port: number, path: string | undefined, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await raw(port, path ?? '/', {})
      if (path === undefined || res.status === 200) return
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  throw new Error(`no ready answer on port ${port}`)
}

/** The CPUs the servers and the load client are pinned to (with taskset), when pinning. */
const SERVER_CPU = 1
const CLIENT_CPU = 0

function hasTaskset (): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** A command line run on one CPU. */
function pin (cpu: number, argv: string[]): [string, string[]] {
  return ['taskset', ['-c', String(cpu), ...argv]]
}

function rssOf (pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /VmRSS:\s+(\d+) kB/.exec(status)
  return match === null ? Number.NaN : Number(match[1]) / 1024
}

async function measure (port: number, scenario: Scenario, headers: Record<string, string>, pipelining: number, connections: number, duration: number): Promise<Measure> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${scenario.path}`, headers, connections, pipelining, duration, ...(scenario.body === undefined ? {} : { method: 'POST', body: scenario.body })
  })
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts }
}

function stop (child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(); return }
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

export async function runBenchmark (argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-pin': { type: 'boolean', default: false },
      cluster: { type: 'boolean', default: false },
      replicas: { type: 'string', default: '2' }
    }
  })
  if (values.cluster) {
    const dir = mkdtempSync(join(tmpdir(), 'als-bench-cluster-'))
    try {
      const databasePath = join(dir, 'als.db')
      buildFromContent(databasePath)
      console.log(await runClusterBenchmark({ dir, databasePath, duration: values.quick ? 1 : Number(values.duration), rounds: values.quick ? 1 : Number(values.rounds), connections: Number(values.connections), replicas: Number(values.replicas), write: !values['no-write'] }))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    return
  }
  const only = values.only?.toLowerCase()
  const scenarios = only === undefined ? SCENARIOS : SCENARIOS.filter((scenario) => scenario.name.toLowerCase().includes(only))
  if (scenarios.length === 0) throw new Error(`no scenario matches --only ${values.only ?? ''}`)
  const duration = values.quick ? 1 : Number(values.duration)
  const rounds = values.quick ? 1 : Number(values.rounds)
  const connections = Number(values.connections)
  // Server on one core, load client (this process: autocannon) on the other, when the machine has two and taskset is
  // there: unpinned, the scheduler sometimes puts both on one core, and a measurement drops by half (seen on the
  // 2-core benchmark machine with the same server and code, one run after another).
  const pinning = values['no-pin'] !== true && cpus().length >= 2 && hasTaskset()
  const dir = mkdtempSync(join(tmpdir(), 'als-bench-'))
  const children: ChildProcess[] = []
  try {
    // Seed build time for the full content.
    const seedStart = process.hrtime.bigint()
    const databasePath = join(dir, 'als.db')
    buildFromContent(databasePath)
    const seedMs = Number(process.hrtime.bigint() - seedStart) / 1e6

    // Cold start: from spawning the production entry point (what `npm start` runs) to its first ready answer; the
    // median of three starts. A fourth start, pinned like the baseline, stays up for the measurements.
    const serverEntry = join(PROJECT_ROOT, 'dist', 'start.cjs')
    if (!existsSync(serverEntry)) throw new Error('build first: npm run build')
    const startApi = async (pinned: boolean): Promise<{ child: ChildProcess, port: number, ms: number }> => {
      const port = await freePort()
      const started = process.hrtime.bigint()
      const [command, args] = pinned ? pin(SERVER_CPU, [process.execPath, serverEntry]) : [process.execPath, [serverEntry]]
      const child = spawn(command, args, {
        env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'info', RATE_LIMIT_MAX: '1000000', RATE_LIMIT_WINDOW_MS: '1000', NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'inherit']
      })
      children.push(child)
      await waitReady(port, '/ready', Date.now() + 30_000)
      return { child, port, ms: Number(process.hrtime.bigint() - started) / 1e6 }
    }
    // The starts are not pinned: a real start may use both cores (V8 compiles and collects garbage on other threads).
    const starts: number[] = []
    for (let i = 0; i < 3; i++) {
      const trial = await startApi(false)
      starts.push(trial.ms)
      await stop(trial.child)
    }
    const coldStartMs = [...starts].sort((a, b) => a - b)[1] as number
    const { child: api, port: apiPort } = await startApi(pinning)

    // Record what the API answers, then serve the same bytes from the baseline.
    const etag = (await raw(apiPort, '/v1/topics/symptoms', {})).headers.etag ?? '"none"'
    const withEtag = (scenario: Scenario) => Object.fromEntries(Object.entries(scenario.headers ?? {}).map(([name, value]) => [name, value.replace('<etag>', etag)]))
    const recordings: Recording[] = []
    const statuses = new Map<string, number>()
    for (const scenario of scenarios) {
      const headers = withEtag(scenario)
      const answer = await raw(apiPort, scenario.path, headers, scenario.body)
      statuses.set(scenario.name, answer.status)
      recordings.push({ key: recordingKey(scenario.path, headers, scenario.body === undefined ? 'GET' : 'POST'), status: answer.status, headers: answer.headers, body: answer.body.toString('base64') })
    }
    const recordingsPath = join(dir, 'recordings.json')
    writeFileSync(recordingsPath, JSON.stringify(recordings))
    const baselinePort = await freePort()
    const baselineArgs = [join(PROJECT_ROOT, 'dist', 'src', 'bench', 'baseline.js'), recordingsPath, String(baselinePort)]
    const [baselineCommand, baselineArgv] = pinning ? pin(SERVER_CPU, [process.execPath, ...baselineArgs]) : [process.execPath, baselineArgs]
    const baseline = spawn(baselineCommand, baselineArgv, { stdio: ['ignore', 'ignore', 'inherit'] })
    children.push(baseline)
    await waitReady(baselinePort, undefined, Date.now() + 10_000)

    // Pinned only now: a process started from here would inherit the client's CPU.
    if (pinning) execFileSync('taskset', ['-cp', String(CLIENT_CPU), String(process.pid)], { stdio: 'ignore' })
    const rows: Row[] = []
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number
    const medianOf = (measures: Measure[]): Measure => ({
      rps: median(measures.map((m) => m.rps)),
      p50: median(measures.map((m) => m.p50)),
      p99: median(measures.map((m) => m.p99)),
      non2xx: measures.reduce((sum, m) => sum + m.non2xx, 0),
      errors: measures.reduce((sum, m) => sum + m.errors, 0)
    })
    for (const scenario of scenarios) {
      for (const pipelining of [1, 10]) {
        const headers = withEtag(scenario)
        // Each server is warmed up on the scenario first (JIT, caches); then baseline and API are measured in turns,
        // `rounds` times, and the medians compared, so that a burst of noise on the machine does not decide a ratio.
        await measure(baselinePort, scenario, headers, pipelining, connections, 1)
        await measure(apiPort, scenario, headers, pipelining, connections, 1)
        const baseRuns: Measure[] = []
        const apiRuns: Measure[] = []
        for (let round = 0; round < rounds; round++) {
          baseRuns.push(await measure(baselinePort, scenario, headers, pipelining, connections, duration))
          apiRuns.push(await measure(apiPort, scenario, headers, pipelining, connections, duration))
        }
        const base = medianOf(baseRuns)
        const measured = medianOf(apiRuns)
        const row: Row = {
          scenario: scenario.name,
          pipelining,
          status: statuses.get(scenario.name) ?? 0,
          api: measured,
          baseline: base,
          ratio: measured.rps / base.rps,
          p99Ratio: measured.p99 / Math.max(base.p99, 1),
          target: scenario.target
        }
        rows.push(row)
        console.error(`${row.scenario} -p ${pipelining}: ${Math.round(measured.rps)} req/s vs ${Math.round(base.rps)} (${row.ratio.toFixed(2)}), p99 ${measured.p99} ms vs ${base.p99} ms`)
      }
    }
    const rssMb = rssOf(api.pid as number)

    const report = { date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, pinned: pinning, duration, rounds, connections, seedMs, coldStartMs, rssMb, rows }
    const markdown = renderMarkdown(report)
    console.log(markdown)
    if (values.json !== undefined) writeFileSync(values.json, JSON.stringify(report, null, 2))
    if (!values['no-write']) writeBenchmarks(markdown)
  } finally {
    await Promise.all(children.map(stop))
    rmSync(dir, { recursive: true, force: true })
  }
}

function renderMarkdown (report: { date: string, node: string, cpu: string, cores: number, pinned: boolean, duration: number, rounds: number, connections: number, seedMs: number, coldStartMs: number, rssMb: number, rows: Row[] }): string {
  const lines = [
    `Run ${report.date} · Node ${report.node} · ${report.cpu} (${report.cores} cores) · ${report.connections} connections · baseline and API in turns, ${report.rounds} × ${report.duration} s each after a 1 s warm-up, medians compared, over 127.0.0.1${report.pinned ? ` · each server pinned to CPU ${SERVER_CPU}, the load client to CPU ${CLIENT_CPU}` : ' · not pinned to CPUs'}.`,
    '',
    '| scenario | status | -p | API req/s | baseline req/s | ratio | target | API p50/p99 ms | baseline p50/p99 ms | p99 ratio |',
    '|---|---|---|---|---|---|---|---|---|---|'
  ]
  for (const row of report.rows) {
    const ok = row.ratio >= row.target ? '✓' : '✗'
    lines.push(`| ${row.scenario} | ${row.status} | ${row.pipelining} | ${Math.round(row.api.rps)} | ${Math.round(row.baseline.rps)} | ${row.ratio.toFixed(2)} ${ok} | ≥ ${row.target} | ${row.api.p50}/${row.api.p99} | ${row.baseline.p50}/${row.baseline.p99} | ${row.p99Ratio.toFixed(2)} |`)
  }
  lines.push('', `- Cold start to first ready response: ${Math.round(report.coldStartMs)} ms (target < 300 ms)`,
    `- Seed build time for the full content: ${Math.round(report.seedMs)} ms`,
    `- API RSS after the runs: ${Math.round(report.rssMb)} MB (target < 150 MB)`)
  return lines.join('\n')
}

function writeBenchmarks (markdown: string): void {
  const path = join(PROJECT_ROOT, 'BENCHMARKS.md')
  const start = '<!-- bench:start -->'
  const end = '<!-- bench:end -->'
  const current = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`
  const before = current.split(start)[0] ?? ''
  const after = current.split(end)[1] ?? '\n'
  writeFileSync(path, `${before}${start}\n${markdown}\n${end}${after}`)
}

/* c8 ignore next 3 - command-line entry */
if (process.argv[1]?.endsWith('bench/run.js') === true || process.argv[1]?.endsWith('bench/run.ts') === true) {
  await runBenchmark(process.argv.slice(2))
}
