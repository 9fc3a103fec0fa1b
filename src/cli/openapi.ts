/**
 * `npm run openapi` writes openapi.yaml from the app's own routes and schemas; `npm run openapi -- --check` fails when
 * the committed file differs. The spec does not depend on the content, so it is generated against the test fixture.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildApp } from '../app.ts'
import { buildContentDatabase } from '../db/build.ts'
import { PROJECT_ROOT } from '../paths.ts'
import { loadContent } from '../../seed/load.ts'

export const OPENAPI_PATH = join(PROJECT_ROOT, 'openapi.yaml')
export const SPEC_BASE_URL = 'http://localhost:3000'

export async function generateOpenApiYaml (): Promise<string> {
  const result = loadContent(join(PROJECT_ROOT, 'test', 'fixtures', 'content'))
  /* c8 ignore next - the fixture is valid; the content tests prove it */
  if (!result.ok) throw new Error('the test fixture content is invalid')
  const dir = mkdtempSync(join(tmpdir(), 'als-openapi-'))
  try {
    const databasePath = join(dir, 'spec.db')
    buildContentDatabase(result.content, databasePath)
    const app = await buildApp({ databasePath, baseUrl: SPEC_BASE_URL })
    await app.ready()
    const yaml = app.swagger({ yaml: true })
    await app.close()
    return yaml
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/* c8 ignore start - command-line entry; the drift test calls generateOpenApiYaml directly */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const yaml = await generateOpenApiYaml()
  if (process.argv.includes('--check')) {
    const current = readFileSync(OPENAPI_PATH, 'utf8')
    if (current !== yaml) {
      console.error('openapi.yaml is out of date: run "npm run openapi"')
      process.exitCode = 1
    } else console.log('openapi.yaml is up to date')
  } else {
    writeFileSync(OPENAPI_PATH, yaml)
    console.log(`wrote ${OPENAPI_PATH}`)
  }
}
/* c8 ignore stop */
