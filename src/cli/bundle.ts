/**
 * `npm run build` bundles the server into one file, dist/server.cjs, and makes its V8 code cache; `npm start` runs
 * dist/start.cjs, which loads the bundle with that cache (see start.ts). Loading one file instead of some 900 modules
 * (TypeBox alone is hundreds of small ESM files) roughly halves the cold start, and the code cache spares parsing and
 * compiling it. Left outside the bundle: the native SQLite binding, Swagger UI (it serves its own files from its
 * package folder, and is loaded on the first /docs request) and pino (its transports start worker threads from
 * their own files).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type BuildOptions } from 'esbuild'
import { BUNDLE_PATH, CODE_CACHE_PATH, PROJECT_ROOT, START_PATH } from '../paths.ts'
import { buildFromContent } from '../server.ts'
import { freePort } from '../net.ts'

/** Loaded from node_modules at run time instead of being bundled (see above). */
const BUNDLE_EXTERNALS = ['better-sqlite3', '@fastify/swagger-ui', 'pino', 'pino-pretty']

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning'
}

/**
 * Starts the bundle once in the build's mode (ALS_CODE_CACHE=write) on a database built for the purpose: it answers
 * a few typical requests, writes the code cache and exits.
 */
async function writeCodeCache (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'als-build-'))
  try {
    const databasePath = join(dir, 'als.db')
    buildFromContent(databasePath)
    const port = await freePort()
    // (When the build runs under the tests, tap's coverage recorder is told to leave the generated files out.)
    const child = spawn(process.execPath, [START_PATH], {
      env: { ...process.env, ALS_CODE_CACHE: 'write', PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'silent', NODE_ENV: 'production', _TAPJS_PROCESSINFO_COV_EXCLUDE_FILES_: `${START_PATH}\n${BUNDLE_PATH}` },
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    /* c8 ignore next - the build's own server failing to start */
    if (code !== 0) throw new Error(`the code cache could not be made (exit ${code}): ${stderr}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Bundles src/main.ts and the launcher, then makes the code cache; returns the sizes in bytes. */
export async function bundleServer (): Promise<{ bundle: number, codeCache: number }> {
  const result = await build({
    ...COMMON,
    entryPoints: [join(PROJECT_ROOT, 'src', 'main.ts')],
    outfile: BUNDLE_PATH,
    external: BUNDLE_EXTERNALS,
    // The project's ES modules find their files from import.meta.url; in the CommonJS bundle that is the bundle's URL.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" }
  })
  await build({ ...COMMON, entryPoints: [join(PROJECT_ROOT, 'src', 'cli', 'start.ts')], outfile: START_PATH })
  await writeCodeCache()
  return {
    bundle: Object.values(result.metafile?.outputs ?? {}).reduce((sum, output) => sum + output.bytes, 0),
    codeCache: statSync(CODE_CACHE_PATH).size
  }
}

/* c8 ignore start - command-line entry; the start-up tests call bundleServer directly */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = await bundleServer()
  console.log(`bundled ${BUNDLE_PATH} (${Math.round(sizes.bundle / 1024)} KiB), code cache ${Math.round(sizes.codeCache / 1024)} KiB; npm start runs ${START_PATH}`)
}
/* c8 ignore stop */
