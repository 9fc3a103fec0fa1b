/**
 * `npm run build` bundles the server into one file, dist/server.mjs, which `npm start` runs. Loading one file instead
 * of some 900 modules (TypeBox alone is hundreds of small ESM files) roughly halves the cold start. Left outside the
 * bundle: the native SQLite binding, Swagger UI (it serves its own files from its package folder) and pino (its
 * transports start worker threads from their own files).
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { PROJECT_ROOT } from '../paths.ts'

export const BUNDLE_PATH = join(PROJECT_ROOT, 'dist', 'server.mjs')
export const BUNDLE_EXTERNALS = ['better-sqlite3', '@fastify/swagger-ui', 'pino', 'pino-pretty']

/** Bundles src/server.ts into `outfile`; returns the bundle's size in bytes. */
export async function bundleServer (outfile = BUNDLE_PATH): Promise<number> {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, 'src', 'server.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: BUNDLE_EXTERNALS,
    // CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    legalComments: 'none',
    minifyWhitespace: true,
    minifySyntax: true,
    metafile: true,
    logLevel: 'warning'
  })
  return Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0)
}

/* c8 ignore start - command-line entry; the start-up tests call bundleServer directly */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bytes = await bundleServer()
  console.log(`bundled ${BUNDLE_PATH} (${Math.round(bytes / 1024)} KiB)`)
}
/* c8 ignore stop */
