import type { ReferenceEntry } from '../../schemas/content.ts'

const MAX_AUTHORS = 6

function sentence (text: string): string {
  const trimmed = text.trim()
  return /[.?!]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** Vancouver style (as the NLM's Citing Medicine): authors, title, journal year;volume(issue):pages, doi, PMID. */
export function formatCitation (reference: ReferenceEntry): string {
  const parts: string[] = []
  if (reference.authors.length > 0) {
    const authors = reference.authors.filter((author) => author !== 'et al.' && author !== 'et al')
    const shown = authors.slice(0, MAX_AUTHORS).join(', ')
    parts.push(sentence(authors.length > MAX_AUTHORS || authors.length < reference.authors.length ? `${shown}, et al.` : shown))
  }
  parts.push(sentence(reference.title))
  // A source without a date of its own is dated by when it was read, as Citing Medicine does ("[cited …]").
  const date = reference.year === undefined ? `[cited ${String(reference.accessed)}]` : String(reference.year)
  if (reference.journal !== undefined) {
    let source = `${reference.journal}. ${date}`
    if (reference.volume !== undefined) source += `;${reference.volume}`
    if (reference.issue !== undefined) source += `(${reference.issue})`
    if (reference.pages !== undefined) source += `:${reference.pages}`
    parts.push(sentence(source))
  } else {
    const publisher = reference.publisher ?? reference.authors[0]
    parts.push(sentence(publisher === undefined ? date : `${publisher}; ${date}`))
  }
  if (reference.doi !== undefined) parts.push(`doi:${reference.doi}.`)
  if (reference.pmid !== undefined) parts.push(`PMID: ${reference.pmid}.`)
  if (reference.doi === undefined && reference.url !== undefined) parts.push(`Available from: ${reference.url}`)
  return parts.join(' ')
}

export function referenceLinks (reference: ReferenceEntry): { doi?: string, pubmed?: string, url?: string } {
  return {
    ...(reference.doi === undefined ? {} : { doi: `https://doi.org/${reference.doi}` }),
    ...(reference.pmid === undefined ? {} : { pubmed: `https://pubmed.ncbi.nlm.nih.gov/${reference.pmid}/` }),
    ...(reference.url === undefined ? {} : { url: reference.url })
  }
}
