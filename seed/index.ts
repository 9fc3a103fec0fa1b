/**
 * `npm run seed` — validate the content files and build the SQLite database atomically.
 * `npm run seed -- --check` — validate only. Options: `--content DIR`, `--db FILE` (default: $DATABASE_PATH or data/als.db).
 * Exit codes: 0 done, 1 content problems (nothing written), 2 bad usage or build failure (nothing written).
 */
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildContentDatabase } from '../src/db/build.ts'
import { DEFAULT_CONTENT_DIR, DEFAULT_DATABASE_PATH } from '../src/paths.ts'
import { formatProblem, loadContent } from './load.ts'

export interface SeedIO {
  out: (line: string) => void
  err: (line: string) => void
}

export function runSeed (argv: string[], env: NodeJS.ProcessEnv, io: SeedIO): number {
  let args
  try {
    args = parseArgs({
      args: argv,
      options: {
        check: { type: 'boolean', default: false },
        content: { type: 'string', default: DEFAULT_CONTENT_DIR },
        db: { type: 'string', default: env.DATABASE_PATH ?? DEFAULT_DATABASE_PATH },
        quiet: { type: 'boolean', default: false }
      },
      strict: true
    }).values
  } catch (error) {
    io.err(`seed: ${(error as Error).message}`)
    io.err('usage: npm run seed -- [--check] [--content DIR] [--db FILE] [--quiet]')
    return 2
  }

  const result = loadContent(resolve(args.content))
  if (!result.ok) {
    for (const problem of result.problems) io.err(formatProblem(problem))
    io.err(`seed: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found; ${args.check ? 'nothing to build' : 'the database was not changed'}.`)
    return 1
  }
  if (!args.quiet) for (const warning of result.warnings) io.err(`warning: ${formatProblem(warning)}`)
  const { content } = result
  if (args.check) {
    io.out(`seed: content ${content.meta.version} is valid (${Object.keys(content.topics).length} topics, ${content.references.length} references).`)
    return 0
  }
  try {
    const summary = buildContentDatabase(content, resolve(args.db))
    const counts = Object.entries(summary.counts).map(([key, value]) => `${value} ${key}`).join(', ')
    io.out(`seed: built ${args.db} (content ${summary.contentVersion}): ${counts}.`)
    return 0
  } catch (error) {
    io.err(`seed: building ${args.db} failed: ${(error as Error).message}; the database was not changed.`)
    return 2
  }
}

/* c8 ignore start - the command-line entry is exercised by the seed tests through a child process */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runSeed(process.argv.slice(2), process.env, { out: (line) => console.log(line), err: (line) => console.error(line) })
}
/* c8 ignore stop */
