/**
 * Resolving a medical code the way clinical systems send it: the coding system by our short name, its HL7 OID or its
 * FHIR system URI; the code with or without its prefix (`803` for `ORPHA:803`, `11179` for `HGNC:11179`); and an ICD
 * code more specific than any held here falling back to its nearest parent (`G12.21` → `G12.2`), saying so. One
 * resolver serves /v1/lookup, the MCP `lookup_code` tool and /infobutton.
 */
import { CODE_SYSTEMS } from '../../schemas/content.ts'
import type { Item } from './entities.ts'

export type CodeSystemId = typeof CODE_SYSTEMS[number]

/**
 * Other names of each system. OIDs are those of the HL7 OID registry as the Infobutton guide and MedlinePlus Connect
 * use them; URIs are FHIR's `Coding.system` values (terminologies-systems). Only identifiers we could check are listed.
 */
export const SYSTEM_ALIASES: Readonly<Record<CodeSystemId, readonly string[]>> = {
  icd10: ['icd-10', '2.16.840.1.113883.6.3', 'http://hl7.org/fhir/sid/icd-10'],
  icd10cm: ['icd-10-cm', '2.16.840.1.113883.6.90', 'http://hl7.org/fhir/sid/icd-10-cm'],
  icd11: ['icd-11', 'http://id.who.int/icd/release/11/mms'],
  snomedct: ['snomed', 'snomed-ct', 'sct', '2.16.840.1.113883.6.96', 'http://snomed.info/sct'],
  mesh: [],
  omim: ['mim'],
  orphanet: ['orpha', 'ordo'],
  mondo: [],
  umls: ['umls-cui'],
  hpo: ['hp', 'http://human-phenotype-ontology.org'],
  hgnc: ['2.16.840.1.113883.6.281', 'http://www.genenames.org']
}

const SYSTEM_BY_NAME = new Map<string, CodeSystemId>()
for (const system of CODE_SYSTEMS) {
  SYSTEM_BY_NAME.set(system, system)
  for (const alias of SYSTEM_ALIASES[system]) SYSTEM_BY_NAME.set(alias.toLowerCase(), system)
}

/** Every way of naming a system this API accepts, for error messages and the API description. */
export const ACCEPTED_SYSTEM_NAMES: readonly string[] = [...SYSTEM_BY_NAME.keys()]

/** The system named by a short name, an OID (bare or `urn:oid:`) or a FHIR URI (trailing slash ignored); any case. */
export function resolveSystem (name: string): CodeSystemId | undefined {
  const key = name.trim().toLowerCase().replace(/^urn:oid:/, '').replace(/\/+$/, '')
  return SYSTEM_BY_NAME.get(key)
}

/** A code compared without case, spaces or its `PREFIX:` (`ORPHA:803` ≡ `orpha:803` ≡ `803`). */
export function codeKey (code: string): string {
  return code.replace(/\s+/g, '').toUpperCase().replace(/^[A-Z]+:(?=.)/, '')
}

const ICD_SYSTEMS = new Set<CodeSystemId>(['icd10', 'icd10cm', 'icd11'])

/** The parents of an ICD code, nearest first: `G12.21` → `G12.2` → `G12` (a category is the shortest). */
export function icdParents (code: string): string[] {
  const parents: string[] = []
  let current = code.replace(/\s+/g, '').toUpperCase()
  while (current.length > 3) {
    current = current.slice(0, -1).replace(/\.$/, '')
    parents.push(current)
  }
  return parents
}

export interface CodeResolution {
  system: CodeSystemId
  /** The code held here that matched: the one asked for, or its nearest parent. */
  code: string
  matches: Item[]
  /** Present when the code asked for is not held but a parent is. */
  fallback?: { requested: string, matched: string, reason: string }
}

/** What the store holds for a code of `system`; undefined when nothing matches, not even a parent. */
export function resolveCode (codes: readonly Item[], system: CodeSystemId, code: string): CodeResolution | undefined {
  const ofSystem = codes.filter((item) => item.system === system)
  const find = (candidate: string) => ofSystem.filter((item) => codeKey(String(item.code)) === codeKey(candidate))
  const exact = find(code)
  if (exact.length > 0) return { system, code: String(exact[0]?.code), matches: exact }
  if (!ICD_SYSTEMS.has(system)) return undefined
  for (const parent of icdParents(code)) {
    const matches = find(parent)
    if (matches.length > 0) {
      const matched = String(matches[0]?.code)
      return {
        system,
        code: matched,
        matches,
        fallback: { requested: code.trim(), matched, reason: `No entry for ${code.trim()}; ${matched} is its nearest parent code held here.` }
      }
    }
  }
  return undefined
}
