/**
 * The HL7 Infobutton knowledge response: one feed model, rendered as Atom (RFC 4287), the format of the HL7
 * Infobutton SOA implementation guide and MedlinePlus Connect's default, or as JSON in the shape MedlinePlus Connect
 * gives (`feed.entry[].title._value`, `link[].href`, `summary._value`), which its users already parse.
 */

export interface FeedLink { rel: 'alternate' | 'related', type: string, href: string, title: string }

export interface FeedEntry {
  id: string
  title: string
  /** HTML: the summary, the disclaimer and the attribution (and, for clinicians, the key claims with their sources). */
  summaryHtml: string
  updated: string
  links: FeedLink[]
}

export interface Feed {
  id: string
  lang: string
  base: string
  title: string
  subtitle: string
  author: { name: string, uri: string }
  rights: string
  updated: string
  /** The request's parameters, echoed as MedlinePlus Connect does. */
  categories: Array<{ scheme: string, term: string }>
  entries: FeedEntry[]
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
/** Escapes text for XML content and attribute values; drops the characters XML 1.0 cannot carry at all. */
export function escapeXml (text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (char) => XML_ENTITIES[char] as string)
}

const ATOM_NS = 'http://www.w3.org/2005/Atom'

export function renderAtom (feed: Feed): string {
  const link = (item: FeedLink) => `<link rel="${item.rel}" type="${escapeXml(item.type)}" href="${escapeXml(item.href)}" title="${escapeXml(item.title)}"/>`
  const entries = feed.entries.map((entry) =>
    `<entry xml:lang="${feed.lang}"><id>${escapeXml(entry.id)}</id><title type="text">${escapeXml(entry.title)}</title>` +
    `${entry.links.map(link).join('')}<updated>${entry.updated}</updated><summary type="html">${escapeXml(entry.summaryHtml)}</summary></entry>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="${ATOM_NS}" xml:lang="${feed.lang}" xml:base="${escapeXml(feed.base)}/">` +
    `<id>${escapeXml(feed.id)}</id><title type="text">${escapeXml(feed.title)}</title><subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>` +
    `<author><name>${escapeXml(feed.author.name)}</name><uri>${escapeXml(feed.author.uri)}</uri></author>` +
    `<rights type="text">${escapeXml(feed.rights)}</rights><updated>${feed.updated}</updated>` +
    feed.categories.map((category) => `<category scheme="${escapeXml(category.scheme)}" term="${escapeXml(category.term)}"/>`).join('') +
    `${entries.join('')}</feed>\n`
}

/** MedlinePlus Connect's JSON: the Atom feed with each element's text in `_value` and its attributes beside it. */
export function renderJson (feed: Feed): unknown {
  return {
    feed: {
      base: `${feed.base}/`,
      lang: feed.lang,
      title: { _value: feed.title, type: 'text' },
      subtitle: { _value: feed.subtitle, type: 'text' },
      author: { name: { _value: feed.author.name }, uri: { _value: feed.author.uri } },
      rights: { _value: feed.rights, type: 'text' },
      updated: { _value: feed.updated },
      category: feed.categories,
      id: { _value: feed.id },
      entry: feed.entries.map((entry) => ({
        lang: feed.lang,
        title: { _value: entry.title, type: 'text' },
        link: entry.links.map((item) => ({ title: item.title, rel: item.rel, type: item.type, href: item.href })),
        id: { _value: entry.id },
        updated: { _value: entry.updated },
        summary: { _value: entry.summaryHtml, type: 'html' }
      }))
    }
  }
}

/** RFC 9457's XML form (`application/problem+xml`), for a client that asked for XML. */
export function renderProblemXml (problem: { type: string, title: string, status: number, detail: string, instance: string }): string {
  const field = (name: string, value: string | number) => `<${name}>${escapeXml(String(value))}</${name}>`
  return `<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807">${field('type', problem.type)}${field('title', problem.title)}` +
    `${field('status', problem.status)}${field('detail', problem.detail)}${field('instance', problem.instance)}</problem>\n`
}
