/**
 * `npm run cluster [-- --replicas N --port P]`: N API replicas on one built database, nginx in front of them
 * (deploy/nginx.conf: the shared cache and the per-client rate limit), all in the foreground. One line when ready;
 * Ctrl-C or SIGTERM stops everything. A replica that dies is started again; meanwhile nginx sends its requests to the
 * others. The state file (data/cluster/state.json) tells `npm run release` which replicas to signal.
 *
 * It installs nothing: without nginx it says how to get it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_ROOT, DEFAULT_DATABASE_PATH, START_PATH } from '../paths.ts'

export const NGINX_TEMPLATE = join(PROJECT_ROOT, 'deploy', 'nginx.conf')
/** Where the cluster keeps nginx's prefix (config, cache, logs) and its state file; ALS_CLUSTER_DIR moves it. */
export const CLUSTER_DIR = process.env.ALS_CLUSTER_DIR ?? join(PROJECT_ROOT, 'data', 'cluster')
export const STATE_PATH = join(CLUSTER_DIR, 'state.json')

export interface ClusterOptions {
  replicas: number
  port: number
  /** First replica port; replica i listens on replicaPort + i. */
  replicaPort: number
  /** Gateway rate limit per client (requests per second) and burst. */
  rate: number
  burst: number
  /** How long the gateway serves a cached answer before it revalidates it with a replica. */
  freshSeconds: number
  databasePath: string
  /** Run the replicas from src/ through tsx instead of the built bundle (tests, development). */
  fromSource: boolean
  prefix: string
}

export interface ClusterState { gateway: string, databasePath: string, replicas: Array<{ pid: number, port: number }> }

export class UsageError extends Error {}

function integer (name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, not "${raw}"`)
  return value
}

export function parseClusterArgs (args: string[], env: NodeJS.ProcessEnv = process.env): ClusterOptions {
  let values
  try {
    values = parseArgs({
      args,
      options: {
        replicas: { type: 'string' },
        port: { type: 'string' },
        'replica-port': { type: 'string' },
        rate: { type: 'string' },
        burst: { type: 'string' },
        fresh: { type: 'string' },
        'from-source': { type: 'boolean', default: false },
        prefix: { type: 'string' }
      }
    }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const port = integer('port', values.port, 8080, 1, 65535)
  return {
    replicas: integer('replicas', values.replicas, 2, 1, 32),
    port,
    replicaPort: integer('replica-port', values['replica-port'], port + 1, 1, 65535),
    rate: integer('rate', values.rate, 50, 1, 100_000),
    burst: integer('burst', values.burst, 100, 0, 100_000),
    freshSeconds: integer('fresh', values.fresh, 2, 1, 3600),
    databasePath: env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH,
    fromSource: values['from-source'],
    prefix: values.prefix ?? CLUSTER_DIR
  }
}

/** deploy/nginx.conf with its placeholders filled in. */
export function renderNginxConfig (template: string, options: ClusterOptions, asRoot: boolean): string {
  const upstreams = Array.from({ length: options.replicas }, (_, index) =>
    `    server 127.0.0.1:${options.replicaPort + index} max_fails=1 fail_timeout=2s;`).join('\n')
  const values: Record<string, string> = {
    prefix: options.prefix,
    port: String(options.port),
    rate: String(options.rate),
    burst: String(options.burst),
    freshSeconds: String(options.freshSeconds),
    upstreams,
    // Workers of a master started as root would otherwise run as nobody, who cannot write the cache.
    user: asRoot ? 'user root;\n' : ''
  }
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`deploy/nginx.conf: unknown placeholder {{${name}}}`)
    return values[name]
  })
}

export function findNginx (env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.NGINX, '/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].filter((path): path is string => path !== undefined)
  return candidates.find((path) => existsSync(path))
}

export const NGINX_MISSING = 'nginx was not found (looked for $NGINX, /usr/sbin/nginx, /usr/local/sbin/nginx, /usr/bin/nginx). ' +
  'Install it with: sudo apt-get install -y nginx (Debian/Ubuntu; .ci/run does this), or set NGINX=/path/to/nginx.'

/* c8 ignore start - the orchestration runs only as `npm run cluster`, in a child process of test/cluster.test.ts */
async function waitReady (url: string, child: () => ChildProcess | undefined, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child()?.exitCode !== null && child()?.exitCode !== undefined) throw new Error(`${what} exited before it was ready`)
    try {
      if ((await fetch(url)).status === 200) return
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${what} was not ready after 60 s`)
}

export async function runCluster (options: ClusterOptions): Promise<void> {
  const nginx = findNginx()
  if (nginx === undefined) throw new UsageError(NGINX_MISSING)
  if (!existsSync(options.databasePath)) {
    const { buildFromContent } = await import('../server.ts')
    console.error(`database ${options.databasePath} not found: building it from seed/content`)
    buildFromContent(options.databasePath)
  }
  rmSync(options.prefix, { recursive: true, force: true })
  for (const dir of ['', 'cache', 'client_body', 'proxy_temp', 'fastcgi_temp', 'uwsgi_temp', 'scgi_temp']) mkdirSync(join(options.prefix, dir), { recursive: true })
  const configPath = join(options.prefix, 'nginx.conf')
  writeFileSync(configPath, renderNginxConfig(readFileSync(NGINX_TEMPLATE, 'utf8'), options, process.getuid?.() === 0))
  const test = spawnSync(nginx, ['-t', '-q', '-p', options.prefix, '-c', configPath], { encoding: 'utf8' })
  if (test.status !== 0) throw new Error(`nginx refused its configuration: ${test.stderr}`)

  const gateway = `http://127.0.0.1:${options.port}`
  let stopping = false
  const replicas: Array<ChildProcess | undefined> = []
  const startReplica = (index: number): void => {
    const port = options.replicaPort + index
    const args = options.fromSource ? ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'main.ts')] : [START_PATH]
    const child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: options.databasePath, PUBLIC_URL: gateway, TRUST_PROXY: '1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
      stdio: ['ignore', 'inherit', 'inherit']
    })
    replicas[index] = child
    child.on('exit', (code, signal) => {
      if (stopping) return
      console.error(`replica ${index + 1} (port ${port}) exited (${signal ?? code}); starting it again`)
      setTimeout(() => { if (!stopping) { startReplica(index); writeState() } }, 500)
    })
  }
  const writeState = (): void => {
    const state: ClusterState = { gateway, databasePath: options.databasePath, replicas: replicas.map((child, index) => ({ pid: child?.pid ?? 0, port: options.replicaPort + index })) }
    writeFileSync(STATE_PATH, `${JSON.stringify(state, null, 2)}\n`)
  }
  const gatewayProcess: { child?: ChildProcess } = {}
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    gatewayProcess.child?.kill('SIGQUIT')
    for (const child of replicas) child?.kill('SIGTERM')
    rmSync(STATE_PATH, { force: true })
    const children = [gatewayProcess.child, ...replicas].filter((child): child is ChildProcess => child !== undefined && child.exitCode === null && child.signalCode === null)
    const code = signal === 'SIGABRT' ? 1 : 0
    let left = children.length
    if (left === 0) process.exit(code)
    for (const child of children) child.once('exit', () => { if (--left === 0) process.exit(code) })
    setTimeout(() => process.exit(code), 10_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))

  for (let index = 0; index < options.replicas; index++) startReplica(index)
  mkdirSync(CLUSTER_DIR, { recursive: true })
  writeState()
  await Promise.all(replicas.map(async (_, index) => await waitReady(`http://127.0.0.1:${options.replicaPort + index}/ready`, () => replicas[index], `replica ${index + 1}`)))
  const proxy = gatewayProcess.child = spawn(nginx, ['-p', options.prefix, '-c', configPath], { stdio: ['ignore', 'inherit', 'inherit'] })
  proxy.on('exit', (code) => {
    if (stopping) return
    console.error(`nginx exited (${code}); stopping the cluster`)
    stop('SIGABRT')
  })
  await waitReady(`${gateway}/ready`, () => proxy, 'nginx')
  console.log(`cluster ready: ${gateway} → nginx (cache, rate limit ${options.rate}/s per client) → ${options.replicas} replicas on ports ${options.replicaPort}–${options.replicaPort + options.replicas - 1}; Ctrl-C stops`)
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    await runCluster(parseClusterArgs(process.argv.slice(2)))
  } catch (error) {
    console.error(`cluster: ${(error as Error).message}`)
    process.exit(error instanceof UsageError ? 2 : 1)
  }
}
/* c8 ignore stop */
