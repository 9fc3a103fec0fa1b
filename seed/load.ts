/**
 * Reads and validates the content files. Nothing here writes: `loadContent` returns either the validated content or
 * every problem found, each with file, line, JSON path and reason, so an author can fix them all in one pass.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Compile } from 'typebox/compile'
import { LineCounter, parseDocument, type Document } from 'yaml'
import { TOPIC_IDS, TopicFiles, type TopicId } from '../schemas/topics/index.ts'
import { ContentMetaFile, ReferencesFile, type ReferencesFileContent, type ContentMeta, type ReferenceEntry, type TopicFile } from '../schemas/content.ts'

export interface ContentProblem {
  file: string
  line?: number
  path: string
  reason: string
}

export interface Content {
  meta: ContentMeta
  topics: Record<TopicId, TopicFile>
  references: ReferenceEntry[]
  /** Where each reference was defined, for error messages. */
  referenceFiles: Map<string, string>
}

export type LoadResult = { ok: true, content: Content, warnings: ContentProblem[] } | { ok: false, problems: ContentProblem[] }

type Validator = ReturnType<typeof Compile>
let validators: { meta: Validator, references: Validator, topics: Record<TopicId, Validator> } | undefined

/**
 * The content schemas' validators, compiled on first use: the server imports this module (to build a missing
 * database) but, on a built database, never validates content, and compiling at import cost its start-up time.
 */
function compiled (): NonNullable<typeof validators> {
  validators ??= {
    meta: Compile(ContentMetaFile),
    references: Compile(ReferencesFile),
    topics: Object.fromEntries(TOPIC_IDS.map((id) => [id, Compile(TopicFiles[id])])) as Record<TopicId, Validator>
  }
  return validators
}

type PathSegment = string | number

/** `$.sections[2].statements[0].citations` — the JSON path readers know. */
export function formatPath (segments: readonly PathSegment[]): string {
  let out = '$'
  for (const segment of segments) {
    out += typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`
  }
  return out
}

function pointerToSegments (pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer.slice(1).split('/').map((raw) => {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    return /^\d+$/.test(key) ? Number(key) : key
  })
}

class SourceFile {
  readonly problems: ContentProblem[] = []
  readonly value: unknown
  private readonly document: Document | undefined
  private readonly lines = new LineCounter()

  constructor (readonly path: string, readonly name: string) {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      this.problems.push({ file: name, path: '$', reason: code === 'ENOENT' ? 'missing content file' : `cannot read file (${code ?? (error as Error).message})` })
      return
    }
    const document = parseDocument(text, { lineCounter: this.lines, prettyErrors: true, uniqueKeys: true })
    for (const error of document.errors) {
      const line = error.linePos?.[0].line
      this.problems.push({ file: name, ...(line === undefined ? {} : { line }), path: '$', reason: `invalid YAML: ${error.message.split('\n')[0]}` })
    }
    if (document.errors.length > 0) return
    this.document = document
    this.value = document.toJS()
  }

  /** The line of the node at a path, or of its nearest ancestor that exists. */
  lineOf (segments: readonly PathSegment[]): number | undefined {
    if (this.document === undefined) return undefined
    for (let length = segments.length; length >= 0; length--) {
      const node = (length === 0 ? this.document.contents : this.document.getIn(segments.slice(0, length), true)) as { range?: [number, number, number] } | null | undefined
      if (node?.range != null) return this.lines.linePos(node.range[0]).line
    }
    return undefined
  }

  report (segments: readonly PathSegment[], reason: string): void {
    const line = this.lineOf(segments)
    this.problems.push({ file: this.name, ...(line === undefined ? {} : { line }), path: formatPath(segments), reason })
  }

  validate (validator: Validator): boolean {
    if (this.problems.length > 0) return false
    let valid = true
    for (const error of validator.Errors(this.value)) {
      // An unknown property is reported twice by the validator (once as a false schema); keep the clear one.
      if (error.keyword === 'boolean') continue
      valid = false
      const segments = pointerToSegments(error.instancePath)
      if (error.keyword === 'additionalProperties') {
        for (const name of (error.params as { additionalProperties: string[] }).additionalProperties) {
          this.report([...segments, name], 'unknown property (not in the schema)')
        }
      } else if (error.keyword === 'required') {
        for (const name of (error.params as { requiredProperties: string[] }).requiredProperties) {
          this.report([...segments, name], name === 'en' || name === 'tr' ? `missing translation: "${name}"` : 'missing required property')
        }
      } else {
        this.report(segments, error.message + describeAllowed(error.params))
      }
    }
    return valid
  }
}

function describeAllowed (params: unknown): string {
  const allowed = (params as { allowedValues?: unknown[] } | undefined)?.allowedValues
  return Array.isArray(allowed) ? ` (allowed: ${allowed.join(', ')})` : ''
}

/** Calls `visit` for every `citations` array and every `{ en, tr }` text, with its path. */
function walk (value: unknown, path: PathSegment[], visit: { citations: (ids: string[], path: PathSegment[]) => void, text: (text: Record<string, string>, path: PathSegment[]) => void }): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...path, index], visit))
    return
  }
  if (value === null || typeof value !== 'object') return
  const record = value as Record<string, unknown>
  if (typeof record.en === 'string' && typeof record.tr === 'string') {
    visit.text(record as Record<string, string>, path)
    return
  }
  for (const [key, child] of Object.entries(record)) {
    if (key === 'citations' && Array.isArray(child)) visit.citations(child as string[], [...path, key])
    else walk(child, [...path, key], visit)
  }
}

/** Every structured item with an id, by kind: ids must be unique within a kind (statements: across all topics). */
function collectIds (topic: TopicFile): Array<{ kind: string, id: string, path: PathSegment[] }> {
  const out: Array<{ kind: string, id: string, path: PathSegment[] }> = []
  topic.sections.forEach((section, s) => {
    out.push({ kind: `section of ${topic.id}`, id: section.id, path: ['sections', s, 'id'] })
    section.statements.forEach((statement, i) => out.push({ kind: 'statement', id: statement.id, path: ['sections', s, 'statements', i, 'id'] }))
  })
  for (const [key, list] of Object.entries(topic.data as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue
    list.forEach((item: unknown, i) => {
      const id = (item as { id?: unknown }).id
      if (typeof id === 'string') out.push({ kind: `${topic.id}.${key}`, id, path: ['data', key, i, 'id'] })
    })
  }
  return out
}

/** Numbers that come as value with a range must be ordered: low <= value <= high. */
function checkRanges (value: unknown, path: PathSegment[], report: (path: PathSegment[], reason: string) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkRanges(item, [...path, index], report))
    return
  }
  if (value === null || typeof value !== 'object') return
  const record = value as Record<string, unknown>
  if (typeof record.value === 'number') {
    if (typeof record.low === 'number' && record.low > record.value) report([...path, 'low'], `low (${record.low}) is greater than value (${record.value})`)
    if (typeof record.high === 'number' && record.high < record.value) report([...path, 'high'], `high (${record.high}) is less than value (${record.value})`)
    if (record.unit === 'percent' && (record.value < 0 || record.value > 100)) report([...path, 'value'], 'a percentage must be between 0 and 100')
  }
  for (const [key, child] of Object.entries(record)) checkRanges(child, [...path, key], report)
}

export function loadContent (contentDir: string): LoadResult {
  const problems: ContentProblem[] = []
  const warnings: ContentProblem[] = []
  const name = (path: string) => relative(process.cwd(), path) || path

  const metaFile = new SourceFile(join(contentDir, 'meta.yaml'), name(join(contentDir, 'meta.yaml')))
  metaFile.validate(compiled().meta)

  const topicFiles = new Map<TopicId, SourceFile>()
  for (const id of TOPIC_IDS) {
    const path = join(contentDir, `${id}.yaml`)
    const file = new SourceFile(path, name(path))
    if (file.validate(compiled().topics[id]) && (file.value as TopicFile).id !== id) file.report(['id'], `the file ${id}.yaml must hold topic "${id}"`)
    topicFiles.set(id, file)
  }

  const referenceDir = join(contentDir, 'references')
  const referenceSources = existsSync(referenceDir)
    ? readdirSync(referenceDir).filter((entry) => entry.endsWith('.yaml')).sort().map((entry) => new SourceFile(join(referenceDir, entry), name(join(referenceDir, entry))))
    : []
  if (referenceSources.length === 0) problems.push({ file: name(referenceDir), path: '$', reason: 'no reference files (references/*.yaml)' })

  const references: ReferenceEntry[] = []
  const referenceFiles = new Map<string, string>()
  const referenceLocation = new Map<string, { file: SourceFile, index: number }>()
  const byIdentifier = new Map<string, string>()
  for (const file of referenceSources) {
    if (!file.validate(compiled().references)) continue
    ;(file.value as ReferencesFileContent).references.forEach((reference, index) => {
      const previous = referenceFiles.get(reference.id)
      if (previous !== undefined) {
        const first = references.find((candidate) => candidate.id === reference.id) as ReferenceEntry
        const same = first.doi === reference.doi && first.pmid === reference.pmid && first.url === reference.url
        if (same) warnings.push({ file: file.name, line: file.lineOf(['references', index, 'id']), path: formatPath(['references', index, 'id']), reason: `reference "${reference.id}" is defined again (first in ${previous}); keep one` })
        else file.report(['references', index, 'id'], `duplicate reference id "${reference.id}" with different identifiers (also in ${previous})`)
        return
      }
      for (const [kind, identifier] of [['DOI', reference.doi?.toLowerCase()], ['PMID', reference.pmid], ['URL', reference.url]] as const) {
        if (identifier === undefined) continue
        const key = `${kind}:${identifier}`
        const other = byIdentifier.get(key)
        if (other !== undefined) file.report(['references', index, kind.toLowerCase()], `${kind} ${identifier} is already reference "${other}": cite that id instead`)
        else byIdentifier.set(key, reference.id)
      }
      // An article is identified by DOI or PMID; only where neither could be confirmed may a URL that finds it stand in.
      if ((reference.type === 'journal-article' || reference.type === 'review') && reference.doi === undefined && reference.pmid === undefined && reference.url === undefined) {
        file.report(['references', index], 'a journal article needs a doi or a pmid (or, where neither can be confirmed, a url where readers find it)')
      }
      if ((reference.type === 'guideline' || reference.type === 'regulatory' || reference.type === 'web-page') && reference.url === undefined && reference.doi === undefined) {
        file.report(['references', index], `a ${reference.type} needs a url or a doi`)
      }
      // A year is left out only where the source has none of its own (a database entry, a page that is kept current):
      // such a source is cited by its url and the date it was read.
      if (reference.year === undefined && ((reference.type !== 'web-page' && reference.type !== 'regulatory') || reference.url === undefined || reference.accessed === undefined)) {
        file.report(['references', index], 'only a web page or a regulatory document with a url and an accessed date may leave out its year')
      }
      references.push(reference)
      referenceFiles.set(reference.id, file.name)
      referenceLocation.set(reference.id, { file, index })
    })
  }

  const cited = new Set<string>()
  const seen = new Map<string, string>()
  const checkTexts = (file: SourceFile, value: unknown, base: PathSegment[]) => walk(value, base, {
    citations: (ids, path) => {
      ids.forEach((id, index) => {
        cited.add(id)
        if (!referenceFiles.has(id)) file.report([...path, index], `unknown reference id "${id}"`)
      })
    },
    text: (text, path) => {
      for (const lang of ['en', 'tr'] as const) {
        if (text[lang].trim() === '') file.report([...path, lang], `missing translation: "${lang}" is blank`)
      }
    }
  })

  for (const file of topicFiles.values()) {
    if (file.problems.length > 0) continue
    const topic = file.value as TopicFile
    checkTexts(file, topic, [])
    checkRanges(topic, [], (path, reason) => file.report(path, reason))
    for (const item of collectIds(topic)) {
      const key = `${item.kind}\u0000${item.id}`
      const previous = seen.get(key)
      if (previous !== undefined) file.report(item.path, `duplicate ${item.kind} id "${item.id}" (first in ${previous})`)
      else seen.set(key, file.name)
    }
  }
  // Cross-links: a section's seeAlso must name a topic, and a section of it, that exist.
  for (const file of topicFiles.values()) {
    if (file.problems.length > 0) continue
    ;(file.value as TopicFile).sections.forEach((section, sectionIndex) => {
      section.seeAlso?.forEach((link, index) => {
        const path = ['sections', sectionIndex, 'seeAlso', index]
        const target = topicFiles.get(link.topic as TopicId)?.value as TopicFile | undefined
        if (target?.sections === undefined) file.report([...path, 'topic'], `unknown topic "${link.topic}"; topics: ${TOPIC_IDS.join(', ')}`)
        else if (link.section !== undefined && !target.sections.some((candidate) => candidate.id === link.section)) {
          file.report([...path, 'section'], `topic "${link.topic}" has no section "${link.section}"; its sections: ${target.sections.map((candidate) => candidate.id).join(', ')}`)
        }
      })
    })
  }
  for (const [id, { file, index }] of referenceLocation) {
    const note = references.find((reference) => reference.id === id)?.note
    if (note !== undefined) checkTexts(file, note, ['references', index, 'note'])
  }
  if (metaFile.problems.length === 0) checkTexts(metaFile, metaFile.value, [])

  for (const file of [metaFile, ...topicFiles.values(), ...referenceSources]) problems.push(...file.problems)
  for (const [id, { file, index }] of referenceLocation) {
    if (!cited.has(id)) warnings.push({ file: file.name, line: file.lineOf(['references', index]), path: formatPath(['references', index]), reason: `reference "${id}" is not cited by any statement or item` })
  }

  if (problems.length > 0) return { ok: false, problems }
  const topics = Object.fromEntries([...topicFiles].map(([id, file]) => [id, file.value as TopicFile])) as Record<TopicId, TopicFile>
  return { ok: true, warnings, content: { meta: metaFile.value as Content['meta'], topics, references, referenceFiles } }
}

export function formatProblem (problem: ContentProblem): string {
  return `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`} ${problem.path}: ${problem.reason}`
}
