/**
 * What `npm start` runs, built to dist/start.cjs: it loads the server bundle (dist/server.cjs) with the V8 code cache
 * that `npm run build` made beside it (dist/server.cjs.cache), so that a start does not parse and compile the
 * bundle's code again: the cache holds the bytecode of every function the server ran while it started and answered
 * its first requests. Node 22 can do this by itself (`module.enableCompileCache`); Node 20 cannot, hence this file.
 *
 * A cache made by another Node.js build is refused by V8: the server then starts without it, slower, and says so in
 * one line. `ALS_CODE_CACHE=write` is the build's mode: start, answer a few requests, write the cache, exit.
 */
/* c8 ignore start - runs only as the built dist/start.cjs, in a child process (test/server.test.ts) */
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire, wrap } from 'node:module'
import { join } from 'node:path'
import vm from 'node:vm'

declare const __dirname: string

/** What the build asks of the server before it writes the cache: the paths of a typical first minute. */
const WARM_UP_PATHS = ['/ready', '/v1/topics/symptoms', '/v1/topics/symptoms?lang=tr', '/v1/search?q=muscle', '/v1/treatments?status=approved', '/embed/topics/symptoms', '/v1/topics/unknown-topic', '/v1/meta']

const bundlePath = join(__dirname, 'server.cjs')
const cachePath = `${bundlePath}.cache`
const writing = process.env.ALS_CODE_CACHE === 'write'

function readCache (): Buffer | undefined {
  if (writing) return undefined
  try {
    return readFileSync(cachePath)
  } catch {
    return undefined
  }
}

const cachedData = readCache()
// No import() in the bundle: on Node 20 a script compiled from a code cache has no dynamic-import callback.
const script = new vm.Script(wrap(readFileSync(bundlePath, 'utf8')), { filename: bundlePath, cachedData })
if (cachedData !== undefined && script.cachedDataRejected === true) {
  console.error(`als-reference-api: the code cache ${cachePath} was made by another Node.js build; starting without it (run "npm run build" to remake it)`)
}
const bundle = { exports: {} as { started?: Promise<void> }, id: bundlePath, filename: bundlePath, loaded: false }
;(script.runInThisContext() as (...args: unknown[]) => void)(bundle.exports, createRequire(bundlePath), bundle, bundlePath, __dirname)
bundle.loaded = true

async function writeCache (): Promise<void> {
  await bundle.exports.started
  if (process.exitCode !== undefined && process.exitCode !== 0) return
  const base = `http://127.0.0.1:${process.env.PORT ?? ''}`
  for (const path of WARM_UP_PATHS) {
    const response = await fetch(`${base}${path}`)
    await response.arrayBuffer()
    const etag = response.headers.get('etag')
    if (etag !== null) await (await fetch(`${base}${path}`, { headers: { 'if-none-match': etag } })).arrayBuffer()
  }
  writeFileSync(cachePath, script.createCachedData())
  process.exit(0)
}

if (writing) {
  writeCache().catch((error: unknown) => {
    console.error(`als-reference-api: could not write the code cache: ${(error as Error).message}`)
    process.exit(1)
  })
}
/* c8 ignore stop */
