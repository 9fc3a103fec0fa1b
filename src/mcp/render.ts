/**
 * The pieces every MCP tool result is made of: claims with their resolved citations, and the provenance. Built from
 * the same store as the HTTP API (statements and references come from the entity repository), never from queries of
 * their own. Each piece has its JSON Schema (TypeBox, self-contained: MCP clients validate `structuredContent`
 * against a tool's `outputSchema` without our `$ref` components) and a plain-text rendering for the `text` block.
 */
import Type from 'typebox'
import type { Language } from '../../schemas/common.ts'
import type { ContentStore, Provenance } from '../db/store.ts'

export const CitationOut = Type.Object({
  id: Type.String({ description: 'Reference id (GET /v1/references/{id}).' }),
  citation: Type.String({ description: 'Formatted citation (Vancouver style).' }),
  doi: Type.Optional(Type.String({ description: 'DOI of the source.' })),
  pmid: Type.Optional(Type.String({ description: 'PubMed id of the source.' })),
  url: Type.Optional(Type.String({ description: 'Where the source can be read: the DOI, PubMed or the body\'s own page.' }))
}, { description: 'A checkable source: a DOI, a PMID or an authoritative body\'s URL.' })

export const StatementOut = Type.Object({
  id: Type.String({ description: 'Statement id: quote it, and link to it at `link`.' }),
  topic: Type.String(),
  section: Type.String(),
  text: Type.String({ description: 'The claim, in the response language.' }),
  evidence: Type.Optional(Type.String({ description: 'Strength of evidence: established, probable, investigational, not-supported.' })),
  citations: Type.Array(CitationOut, { minItems: 1 }),
  link: Type.String()
}, { description: 'One claim with its citations resolved.' })

export const ProvenanceOut = Type.Object({
  contentVersion: Type.String(),
  lastReviewed: Type.Optional(Type.String()),
  publisher: Type.String(),
  license: Type.Object({ id: Type.String(), name: Type.String(), url: Type.String() }),
  attribution: Type.String({ description: 'Show this with the content.' }),
  disclaimer: Type.String({ description: 'Not medical advice: show this with the content.' })
}, { description: 'Where the content comes from, its licence, and the medical disclaimer.' })

export interface Citation { id: string, citation: string, doi?: string, pmid?: string, url?: string }
export interface Statement { id: string, topic: string, section: string, text: string, evidence?: string, citations: Citation[], link: string }

interface ReferenceItem { id: string, citation: string, doi?: string, pmid?: string, links: { doi?: string, pubmed?: string, url?: string } }

/** Resolves references and statements of the store for the tools; kept per language by the store itself. */
export function createResolver (content: ContentStore) {
  const citation = (id: string, lang: Language): Citation => {
    // Every cited id was checked when the store opened.
    const reference = content.entities.reference(id, lang) as unknown as ReferenceItem
    return {
      id,
      citation: reference.citation,
      ...(reference.doi === undefined ? {} : { doi: reference.doi }),
      ...(reference.pmid === undefined ? {} : { pmid: reference.pmid }),
      ...firstUrl(reference.links)
    }
  }
  const statement = (id: string, lang: Language): Statement | undefined => {
    const item = content.entities.statement(id, lang) as undefined | { id: string, topic: string, section: string, text: string, evidence?: string, citations: string[], links: { self: string } }
    if (item === undefined) return undefined
    return {
      id: item.id,
      topic: item.topic,
      section: item.section,
      text: item.text,
      ...(item.evidence === undefined ? {} : { evidence: item.evidence }),
      citations: item.citations.map((ref) => citation(ref, lang)),
      link: item.links.self
    }
  }
  return { citation, statement }
}
export type Resolver = ReturnType<typeof createResolver>

/** Every reference has a DOI, a PMID or a URL (the content schema requires one). */
function firstUrl (links: ReferenceItem['links']): { url: string } {
  return { url: (links.doi ?? links.pubmed ?? links.url) as string }
}

// ------------------------------------------------------------ text

/** The formatted citation always carries the source's DOI, PMID or URL (formatCitation). */
export function citationText (citation: Citation): string {
  return `[${citation.id}] ${citation.citation}`
}

export function statementText (statement: Statement, indent = ''): string {
  const lines = [`${indent}- (${statement.id}) ${statement.text}${statement.evidence === undefined ? '' : ` [evidence: ${statement.evidence}]`}`]
  for (const citation of statement.citations) lines.push(`${indent}  source ${citationText(citation)}`)
  return lines.join('\n')
}

export function provenanceText (provenance: Provenance): string {
  return `---\nContent ${provenance.contentVersion}${provenance.lastReviewed === undefined ? '' : `, reviewed ${provenance.lastReviewed}`} · ` +
    `${provenance.license.name} · ${provenance.attribution}\n${provenance.disclaimer}`
}
