import t from 'tap'
import { createHash } from 'node:crypto'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { runSeed } from '../seed/index.ts'
import { formatPath, loadContent } from '../seed/load.ts'
import { PROJECT_ROOT } from '../src/paths.ts'
import { DATABASE_SCHEMA_VERSION } from '../src/db/build.ts'
import { copyContent, FIXTURE_CONTENT, tempDir } from './helpers.ts'

const run = promisify(execFile)

function seed (args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = []
  const err: string[] = []
  const code = runSeed(args, env, { out: (line) => out.push(line), err: (line) => err.push(line) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

function edit (dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file)
  writeFileSync(path, change(readFileSync(path, 'utf8')))
}

t.test('the fixture content is valid and builds a database atomically', async (t) => {
  const dir = tempDir(t)
  const db = join(dir, 'nested', 'als.db')
  const check = seed(['--check', '--content', FIXTURE_CONTENT, '--db', db])
  t.equal(check.code, 0)
  t.match(check.out, /content 2000\.01\.01 is valid \(7 topics, 2 references\)/)
  t.notOk(existsSync(db), '--check writes nothing')

  const built = seed(['--content', FIXTURE_CONTENT, '--db', db])
  t.equal(built.code, 0, built.err)
  t.match(built.out, /built .*als\.db \(content 2000\.01\.01\): 7 topics, 3 sections, 3 statements, 2 references/)
  t.same(readdirSync(join(dir, 'nested')), ['als.db'], 'no temporary file is left behind')

  const sqlite = new Database(db, { readonly: true })
  t.teardown(() => sqlite.close())
  t.equal(sqlite.pragma('user_version', { simple: true }), DATABASE_SCHEMA_VERSION)
  t.equal((sqlite.prepare('SELECT count(*) AS n FROM topics').get() as { n: number }).n, 7)
  t.same(sqlite.prepare("SELECT reference_id FROM citations WHERE source_id = 'sym-one' ORDER BY reference_id").all(), [{ reference_id: 'ref-article' }, { reference_id: 'ref-body' }])
  t.same(sqlite.prepare("SELECT system, code, target_kind, target_id FROM codes WHERE system = 'hpo' ORDER BY code").all(), [
    { system: 'hpo', code: 'HP:0002015', target_kind: 'symptom', target_id: 'dysphagia' },
    { system: 'hpo', code: 'HP:0002380', target_kind: 'symptom', target_id: 'fasciculations' }
  ])
  t.equal(sqlite.pragma('integrity_check', { simple: true }), 'ok')
})

t.test('DATABASE_PATH is the default target', async (t) => {
  const db = join(tempDir(t), 'env.db')
  t.equal(seed(['--content', FIXTURE_CONTENT], { DATABASE_PATH: db }).code, 0)
  t.ok(existsSync(db))
})

const brokenCases: Array<{ name: string, file: string, change: (text: string) => string, expect: RegExp }> = [
  {
    name: 'an unknown citation id',
    file: 'symptoms.yaml',
    change: (text) => text.replace('citations: [ref-article, ref-body]', 'citations: [ref-article, no-such-ref]'),
    expect: /symptoms\.yaml:\d+ \$\.sections\[0\]\.statements\[0\]\.citations\[1\]: unknown reference id "no-such-ref"/
  },
  {
    name: 'a duplicate statement id',
    file: 'treatments.yaml',
    change: (text) => text.replace('id: treat-one', 'id: def-one'),
    expect: /treatments\.yaml:\d+ \$\.sections\[0\]\.statements\[0\]\.id: duplicate statement id "def-one" \(first in .*definition\.yaml\)/
  },
  {
    name: 'a duplicate entity id',
    file: 'symptoms.yaml',
    change: (text) => text.replace('- id: dysphagia', '- id: fasciculations'),
    expect: /symptoms\.yaml:\d+ \$\.data\.symptoms\[1\]\.id: duplicate symptoms\.symptoms id "fasciculations"/
  },
  {
    name: 'a missing translation',
    file: 'definition.yaml',
    change: (text) => text.replace('title: { en: Definition, tr: Tanım }', 'title: { en: Definition }'),
    expect: /definition\.yaml:2 \$\.title\.tr: missing translation: "tr"/
  },
  {
    name: 'a blank translation',
    file: 'definition.yaml',
    change: (text) => text.replace('tr: Birinci tanım ifadesi.', 'tr: "   "'),
    expect: /definition\.yaml:\d+ \$\.sections\[0\]\.statements\[0\]\.text\.tr: missing translation: "tr" is blank/
  },
  {
    name: 'a value outside its enum',
    file: 'symptoms.yaml',
    change: (text) => text.replace('region: bulbar', 'region: elbow'),
    expect: /symptoms\.yaml:\d+ \$\.data\.symptoms\[1\]\.region: must be equal to one of the allowed values \(allowed: bulbar, /
  },
  {
    name: 'an unknown property',
    file: 'genetics.yaml',
    change: (text) => text.replace('yearLinked: 1993', 'yearLinked: 1993\n      colour: red'),
    expect: /genetics\.yaml:\d+ \$\.data\.genes\[0\]\.colour: unknown property/
  },
  {
    name: 'a malformed HPO id',
    file: 'symptoms.yaml',
    change: (text) => text.replace('HP:0002380', 'HP:2380'),
    expect: /\$\.data\.symptoms\[0\]\.hpo: must match pattern/
  },
  {
    name: 'a range out of order',
    file: 'epidemiology.yaml',
    change: (text) => text.replace('low: 1', 'low: 2.5'),
    expect: /epidemiology\.yaml:\d+ \$\.data\.statistics\[0\]\.low: low \(2\.5\) is greater than value \(2\)/
  },
  {
    name: 'a percentage over 100',
    file: 'symptoms.yaml',
    change: (text) => text.replace('share: { value: 65, low: 60, high: 70', 'share: { value: 165, low: 160, high: 170'),
    expect: /\$\.data\.onsetPatterns\[0\]\.share\.value: a percentage must be between 0 and 100/
  },
  {
    name: 'invalid YAML',
    file: 'diagnosis.yaml',
    change: (text) => text.replace('criteria:', 'criteria: [unclosed'),
    expect: /diagnosis\.yaml:\d+ \$: invalid YAML/
  },
  {
    name: 'a topic in the wrong file',
    file: 'references.yaml',
    change: (text) => text.replace('id: references', 'id: definition'),
    expect: /references\.yaml:\d+ \$\.id: must be equal to constant/
  },
  {
    name: 'a cross-link to a topic that does not exist',
    file: 'symptoms.yaml',
    change: (text) => text.replace('{ topic: treatments }', '{ topic: cures }'),
    expect: /symptoms\.yaml:\d+ \$\.sections\[0\]\.seeAlso\[0\]\.topic: unknown topic "cures"; topics: definition, symptoms/
  },
  {
    name: 'a cross-link to a section that does not exist',
    file: 'symptoms.yaml',
    change: (text) => text.replace('section: overview', 'section: history'),
    expect: /symptoms\.yaml:\d+ \$\.sections\[0\]\.seeAlso\[1\]\.section: topic "definition" has no section "history"; its sections: overview/
  },
  {
    name: 'a duplicate DOI',
    file: 'references/fixture.yaml',
    change: (text) => text.replace('url: https://example.org/fixture', 'url: https://example.org/fixture\n    doi: 10.1000/FIXTURE.1'),
    expect: /fixture\.yaml:\d+ \$\.references\[1\]\.doi: DOI 10\.1000\/fixture\.1 is already reference "ref-article"/
  },
  {
    name: 'a duplicate URL',
    file: 'references/fixture.yaml',
    change: (text) => text.replace('    pmid: "1000001"\n', '    pmid: "1000001"\n    url: https://example.org/fixture\n'),
    expect: /fixture\.yaml:\d+ \$\.references\[1\]\.url: URL https:\/\/example\.org\/fixture is already reference "ref-article"/
  },
  {
    name: 'an article without a year',
    file: 'references/fixture.yaml',
    change: (text) => text.replace('    year: 2020\n', ''),
    expect: /fixture\.yaml:\d+ \$\.references\[0\]: only a web page or a regulatory document with a url and an accessed date may leave out its year/
  },
  {
    name: 'a web page without a year or the date it was read',
    file: 'references/fixture.yaml',
    change: (text) => text.replace('    year: 2024\n', ''),
    expect: /fixture\.yaml:\d+ \$\.references\[1\]: only a web page or a regulatory document with a url and an accessed date may leave out its year/
  },
  {
    name: 'an article without DOI or PMID',
    file: 'references/fixture.yaml',
    change: (text) => text.replace('    doi: 10.1000/fixture.1\n    pmid: "1000001"\n', ''),
    expect: /fixture\.yaml:\d+ \$\.references\[0\]: a journal article needs a doi or a pmid/
  },
  {
    name: 'a web page without URL',
    file: 'references/fixture.yaml',
    change: (text) => text.replace('    url: https://example.org/fixture\n', ''),
    expect: /fixture\.yaml:\d+ \$\.references\[1\]: a web-page needs a url or a doi/
  },
  {
    name: 'a reference redefined with other identifiers',
    file: 'references/fixture.yaml',
    change: (text) => `${text}  - id: ref-body\n    type: web-page\n    authors: [Other]\n    title: Other\n    year: 2024\n    url: https://example.org/other\n`,
    expect: /\$\.references\[2\]\.id: duplicate reference id "ref-body" with different identifiers/
  }
]

for (const broken of brokenCases) {
  t.test(`${broken.name} fails the seed with file, path and reason, and changes nothing`, async (t) => {
    const content = copyContent(t)
    const dir = tempDir(t)
    const db = join(dir, 'als.db')
    t.equal(seed(['--content', FIXTURE_CONTENT, '--db', db]).code, 0)
    const before = sha(db)
    edit(content, broken.file, broken.change)

    const checked = seed(['--check', '--content', content, '--db', db])
    t.equal(checked.code, 1)
    t.match(checked.err, broken.expect)
    t.match(checked.err, /problems? found; nothing to build/)

    const result = seed(['--content', content, '--db', db])
    t.equal(result.code, 1)
    t.match(result.err, broken.expect)
    t.match(result.err, /the database was not changed/)
    t.equal(sha(db), before, 'the existing database is byte-for-byte unchanged')
    t.same(readdirSync(dir), ['als.db'], 'no temporary file is left behind')
  })
}

t.test('a missing content file and a missing references folder are reported', async (t) => {
  const content = copyContent(t)
  const { rmSync } = await import('node:fs')
  rmSync(join(content, 'genetics.yaml'))
  rmSync(join(content, 'references'), { recursive: true })
  const result = seed(['--check', '--content', content])
  t.equal(result.code, 1)
  t.match(result.err, /genetics\.yaml \$: missing content file/)
  t.match(result.err, /references \$: no reference files/)
})

t.test('a content file that cannot be read is reported', { skip: process.getuid?.() === 0 ? false : 'needs root to make a directory stand where a file should' }, async (t) => {
  const content = copyContent(t)
  const { rmSync } = await import('node:fs')
  rmSync(join(content, 'meta.yaml'))
  mkdirSync(join(content, 'meta.yaml'))
  const result = seed(['--check', '--content', content])
  t.equal(result.code, 1)
  t.match(result.err, /meta\.yaml \$: cannot read file \(EISDIR\)/)
})

t.test('an uncited or repeated reference is a warning, not an error', async (t) => {
  const content = copyContent(t)
  edit(content, 'references/fixture.yaml', (text) => `${text}  - id: ref-unused\n    type: book\n    authors: [Nobody N]\n    title: Unused\n    year: 2001\n`)
  writeFileSync(join(content, 'references', 'zz-again.yaml'), 'references:\n  - id: ref-body\n    type: web-page\n    authors: [Fixture Body]\n    title: Again\n    year: 2024\n    url: https://example.org/fixture\n')
  const result = seed(['--check', '--content', content])
  t.equal(result.code, 0)
  t.match(result.err, /warning: .*fixture\.yaml:\d+ \$\.references\[2\]: reference "ref-unused" is not cited/)
  t.match(result.err, /warning: .*zz-again\.yaml:\d+ \$\.references\[0\]\.id: reference "ref-body" is defined again/)
  t.equal(seed(['--check', '--quiet', '--content', content]).err, '', '--quiet hides warnings')
})

t.test('a build that fails leaves the existing database untouched', async (t) => {
  const dir = tempDir(t)
  const db = join(dir, 'als.db')
  mkdirSync(db) // a directory where the database should be: the final rename fails
  const result = seed(['--content', FIXTURE_CONTENT, '--db', db])
  t.equal(result.code, 2)
  t.match(result.err, /building .*als\.db failed: .*; the database was not changed/)
  t.same(readdirSync(dir), ['als.db'], 'no temporary file is left behind')
})

t.test('bad usage is a clear error', async (t) => {
  const result = seed(['--frobnicate'])
  t.equal(result.code, 2)
  t.match(result.err, /seed: Unknown option '--frobnicate'/)
  t.match(result.err, /usage: npm run seed/)
})

t.test('formatPath writes JSON paths readers know', async (t) => {
  t.equal(formatPath([]), '$')
  t.equal(formatPath(['sections', 2, 'statements', 0, 'citations']), '$.sections[2].statements[0].citations')
  t.equal(formatPath(['data', 'odd key']), '$.data["odd key"]')
})

t.test('loadContent returns the content with references in file order', async (t) => {
  const result = loadContent(FIXTURE_CONTENT)
  t.ok(result.ok)
  if (result.ok) t.same(result.content.references.map((reference) => reference.id), ['ref-article', 'ref-body'])
})

t.test('the command line exits non-zero with the problems on stderr', async (t) => {
  const content = copyContent(t)
  edit(content, 'symptoms.yaml', (text) => text.replace('HP:0002380', 'HP:2380'))
  const error = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'seed', 'index.ts'), '--check', '--content', content], { cwd: PROJECT_ROOT })
    .then(() => undefined, (failure: { code: number, stderr: string }) => failure)
  t.equal(error?.code, 1)
  t.match(error?.stderr, /symptoms\.yaml:\d+ \$\.data\.symptoms\[0\]\.hpo: must match pattern/)
  const ok = await run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'seed', 'index.ts'), '--check', '--content', FIXTURE_CONTENT], { cwd: PROJECT_ROOT })
  t.match(ok.stdout, /is valid/)
})
