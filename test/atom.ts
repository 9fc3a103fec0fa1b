/**
 * A strict XML reader and an Atom 1.0 validator for the tests. No RELAX NG validator (jing, xmllint, an npm package)
 * is installed on the project's machines, so the rules of RFC 4287's normative schema (Appendix B, RELAX NG compact
 * syntax) are written out here, element by element, with the schema's text as comments, plus the RFC's rules that the
 * schema leaves to prose (§4.1.1: a feed without authors needs authors in every entry; §4.1.2: an entry without
 * content needs a rel="alternate" link; §4.2.7.2: no two alternate links with the same type and hreflang).
 */

export interface XmlElement { ns: string, name: string, attributes: Record<string, string>, children: XmlElement[], text: string }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode (raw: string, where: string): string {
  return raw.replace(/&([^;\s]*);?/g, (match, name: string) => {
    if (!match.endsWith(';')) throw new Error(`${where}: '&' not escaped`)
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10))
    const value = ENTITIES[name]
    if (value === undefined) throw new Error(`${where}: undefined entity &${name};`)
    return value
  })
}

/** Parses a whole document: well-formedness (one root, nesting, quoting, escaping, unique attributes) and namespaces. */
export function parseXml (source: string): XmlElement {
  let position = 0
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(source)
  if (declaration !== null) position = declaration[0].length
  const stack: Array<XmlElement & { scope: Record<string, string>, qname: string }> = []
  let root: XmlElement | undefined
  const nameChars = /[A-Za-z_][\w.:-]*/y
  while (position < source.length) {
    if (source.startsWith('<', position)) {
      if (root !== undefined && stack.length === 0) throw new Error(`content after the root element at ${position}`)
      if (source.startsWith('</', position)) {
        const end = source.indexOf('>', position)
        const qname = source.slice(position + 2, end).trim()
        const open = stack.pop()
        if (open === undefined || open.qname !== qname) throw new Error(`</${qname}> does not close <${open?.qname ?? 'nothing'}> at ${position}`)
        position = end + 1
        continue
      }
      if (source.startsWith('<!', position) || source.startsWith('<?', position)) throw new Error(`unexpected markup at ${position}`)
      nameChars.lastIndex = position + 1
      const qname = nameChars.exec(source)?.[0]
      if (qname === undefined) throw new Error(`bad element name at ${position}`)
      position = nameChars.lastIndex
      const raw: Record<string, string> = {}
      for (;;) {
        const space = /\s*/y
        space.lastIndex = position
        space.exec(source)
        position = space.lastIndex
        if (source.startsWith('/>', position) || source.startsWith('>', position)) break
        nameChars.lastIndex = position
        const attribute = nameChars.exec(source)?.[0]
        if (attribute === undefined || !/^\s*=\s*/.test(source.slice(nameChars.lastIndex))) throw new Error(`bad attribute in <${qname}> at ${position}`)
        const valueStart = source.slice(nameChars.lastIndex).match(/^\s*=\s*(["'])/) as RegExpMatchArray
        const quote = valueStart[1] as string
        const start = nameChars.lastIndex + valueStart[0].length
        const end = source.indexOf(quote, start)
        const value = source.slice(start, end)
        if (value.includes('<')) throw new Error(`'<' in attribute ${attribute} of <${qname}>`)
        if (Object.hasOwn(raw, attribute)) throw new Error(`duplicate attribute ${attribute} in <${qname}>`)
        raw[attribute] = decode(value, `attribute ${attribute} of <${qname}>`)
        position = end + 1
      }
      const selfClosing = source.startsWith('/>', position)
      position += selfClosing ? 2 : 1
      const parentScope = stack.at(-1)?.scope ?? { xml: 'http://www.w3.org/XML/1998/namespace' }
      const scope = { ...parentScope }
      for (const [name, value] of Object.entries(raw)) {
        if (name === 'xmlns') scope[''] = value
        else if (name.startsWith('xmlns:')) scope[name.slice(6)] = value
      }
      const [prefix, local] = qname.includes(':') ? qname.split(':') as [string, string] : ['', qname]
      const ns = scope[prefix]
      if (ns === undefined && prefix !== '') throw new Error(`undeclared prefix ${prefix}`)
      const attributes: Record<string, string> = {}
      for (const [name, value] of Object.entries(raw)) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue
        if (name.includes(':')) {
          const [attributePrefix, attributeLocal] = name.split(':') as [string, string]
          const attributeNs = scope[attributePrefix]
          if (attributeNs === undefined) throw new Error(`undeclared prefix ${attributePrefix}`)
          attributes[`{${attributeNs}}${attributeLocal}`] = value
        } else attributes[name] = value
      }
      const element = { ns: ns ?? '', name: local, attributes, children: [], text: '', scope, qname }
      const parent = stack.at(-1)
      if (parent === undefined) {
        if (root !== undefined) throw new Error('two root elements')
        root = element
      } else parent.children.push(element)
      if (!selfClosing) stack.push(element)
    } else {
      const next = source.indexOf('<', position)
      const raw = source.slice(position, next === -1 ? undefined : next)
      const open = stack.at(-1)
      if (open === undefined) {
        if (raw.trim() !== '') throw new Error(`text outside the root element at ${position}`)
      } else {
        if (raw.includes('>') && raw.includes(']]>')) throw new Error("']]>' in text")
        open.text += decode(raw, `text of <${open.qname}>`)
      }
      position = next === -1 ? source.length : next
    }
  }
  if (stack.length > 0 || root === undefined) throw new Error('unclosed element or empty document')
  return root
}

export const ATOM = 'http://www.w3.org/2005/Atom'
const XML_NS = 'http://www.w3.org/XML/1998/namespace'
/** RFC 3339 date-time (RFC 4287 §3.3: "MUST conform to the date-time production in [RFC3339]", uppercase T and Z). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
/** atomMediaType = xsd:string { pattern = ".+/.+" } */
const MEDIA_TYPE = /^.+\/.+$/
/** atomLanguageTag = xsd:string { pattern = "([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)?" } */
const LANGUAGE_TAG = /^([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)?$/

type Cardinality = 'one' | 'optional' | 'many'

/** Checks the Atom elements of `element` against an interleave pattern; foreign-namespace children are extensions. */
function children (element: XmlElement, pattern: Record<string, Cardinality>, problems: string[], where: string): Record<string, XmlElement[]> {
  const found: Record<string, XmlElement[]> = {}
  for (const child of element.children) {
    if (child.ns !== ATOM) continue // extensionElement*
    if (!Object.hasOwn(pattern, child.name)) { problems.push(`${where}: atom:${child.name} is not allowed here`); continue }
    (found[child.name] ??= []).push(child)
  }
  for (const [name, cardinality] of Object.entries(pattern)) {
    const count = found[name]?.length ?? 0
    if (cardinality === 'one' && count !== 1) problems.push(`${where}: exactly one atom:${name} required, found ${count}`)
    if (cardinality === 'optional' && count > 1) problems.push(`${where}: at most one atom:${name}, found ${count}`)
  }
  return found
}

function commonAttributes (element: XmlElement, problems: string[], where: string): void {
  // atomCommonAttributes = attribute xml:base { atomUri }?, attribute xml:lang { atomLanguageTag }?, undefinedAttribute*
  const lang = element.attributes[`{${XML_NS}}lang`]
  if (lang !== undefined && !LANGUAGE_TAG.test(lang)) problems.push(`${where}: xml:lang "${lang}" is not a language tag`)
}

function textConstruct (element: XmlElement, problems: string[], where: string): void {
  // atomPlainTextConstruct: type "text" | "html", text; atomXHTMLTextConstruct: type "xhtml", xhtmlDiv
  commonAttributes(element, problems, where)
  const type = element.attributes.type ?? 'text'
  if (!['text', 'html', 'xhtml'].includes(type)) problems.push(`${where}: type="${type}" is not text, html or xhtml`)
  if (type !== 'xhtml' && element.children.length > 0) problems.push(`${where}: a ${type} construct has no child elements`)
}

function personConstruct (element: XmlElement, problems: string[], where: string): void {
  // atomPersonConstruct = atomCommonAttributes, (element atom:name { text } & element atom:uri { atomUri }? & element atom:email { atomEmailAddress }? & extensionElement*)
  commonAttributes(element, problems, where)
  children(element, { name: 'one', uri: 'optional', email: 'optional' }, problems, where)
}

function dateConstruct (element: XmlElement, problems: string[], where: string): void {
  // atomDateConstruct = atomCommonAttributes, xsd:dateTime
  commonAttributes(element, problems, where)
  if (!DATE_TIME.test(element.text) || Number.isNaN(Date.parse(element.text))) problems.push(`${where}: "${element.text}" is not an RFC 3339 date-time`)
}

function uriElement (element: XmlElement, problems: string[], where: string): void {
  // atomId = element atom:id { atomCommonAttributes, (atomUri) }: an IRI (§4.2.6: absolute)
  commonAttributes(element, problems, where)
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(element.text.trim())) problems.push(`${where}: "${element.text}" is not an absolute IRI`)
}

function link (element: XmlElement, problems: string[], where: string): void {
  // atomLink = element atom:link { atomCommonAttributes, attribute href { atomUri }, attribute rel { atomNCName | atomUri }?,
  //   attribute type { atomMediaType }?, attribute hreflang { atomLanguageTag }?, attribute title { text }?, attribute length { text }?, undefinedContent }
  commonAttributes(element, problems, where)
  const { href, type, hreflang, rel } = element.attributes
  if (href === undefined || href === '') problems.push(`${where}: atom:link needs href`)
  if (type !== undefined && !MEDIA_TYPE.test(type)) problems.push(`${where}: link type "${type}" is not a media type`)
  if (hreflang !== undefined && !LANGUAGE_TAG.test(hreflang)) problems.push(`${where}: hreflang "${hreflang}" is not a language tag`)
  if (rel !== undefined && rel === '') problems.push(`${where}: empty rel`)
}

function category (element: XmlElement, problems: string[], where: string): void {
  // atomCategory = element atom:category { atomCommonAttributes, attribute term { text }, attribute scheme { atomUri }?, attribute label { text }?, undefinedContent }
  commonAttributes(element, problems, where)
  if (element.attributes.term === undefined) problems.push(`${where}: atom:category needs term`)
}

function metadata (found: Record<string, XmlElement[]>, problems: string[], where: string): void {
  for (const element of found.author ?? []) personConstruct(element, problems, `${where}/author`)
  for (const element of found.contributor ?? []) personConstruct(element, problems, `${where}/contributor`)
  for (const element of found.category ?? []) category(element, problems, `${where}/category`)
  for (const element of found.link ?? []) link(element, problems, `${where}/link`)
  for (const name of ['title', 'subtitle', 'rights', 'summary']) for (const element of found[name] ?? []) textConstruct(element, problems, `${where}/${name}`)
  for (const name of ['updated', 'published']) for (const element of found[name] ?? []) dateConstruct(element, problems, `${where}/${name}`)
  for (const element of found.id ?? []) uriElement(element, problems, `${where}/id`)
  // §4.2.7.2: atom:feed/atom:entry MUST NOT contain more than one alternate link with the same type and hreflang.
  const alternates = (found.link ?? []).filter((element) => (element.attributes.rel ?? 'alternate') === 'alternate')
    .map((element) => `${element.attributes.type ?? ''}|${element.attributes.hreflang ?? ''}`)
  if (new Set(alternates).size !== alternates.length) problems.push(`${where}: two alternate links with the same type and hreflang`)
}

/** Every violation of RFC 4287 found in an Atom feed document; empty when it is valid. */
export function validateAtomFeed (document: XmlElement): string[] {
  const problems: string[] = []
  if (document.ns !== ATOM || document.name !== 'feed') return [`the root is {${document.ns}}${document.name}, not atom:feed`]
  commonAttributes(document, problems, 'feed')
  // atomFeed = element atom:feed { atomCommonAttributes, (atomAuthor* & atomCategory* & atomContributor* & atomGenerator? & atomIcon? & atomId
  //   & atomLink* & atomLogo? & atomRights? & atomSubtitle? & atomTitle & atomUpdated & extensionElement*), atomEntry* }
  const found = children(document, {
    author: 'many',
    category: 'many',
    contributor: 'many',
    generator: 'optional',
    icon: 'optional',
    id: 'one',
    link: 'many',
    logo: 'optional',
    rights: 'optional',
    subtitle: 'optional',
    title: 'one',
    updated: 'one',
    entry: 'many'
  }, problems, 'feed')
  metadata(found, problems, 'feed')
  // The entries come after the feed's own elements.
  const firstEntry = document.children.findIndex((child) => child.ns === ATOM && child.name === 'entry')
  if (firstEntry !== -1 && document.children.slice(firstEntry).some((child) => child.ns === ATOM && child.name !== 'entry')) problems.push('feed: metadata after the first atom:entry')
  const entries = found.entry ?? []
  for (const [index, entry] of entries.entries()) {
    const where = `entry[${index}]`
    commonAttributes(entry, problems, where)
    // atomEntry = element atom:entry { atomCommonAttributes, (atomAuthor* & atomCategory* & atomContent? & atomContributor* & atomId & atomLink*
    //   & atomPublished? & atomRights? & atomSource? & atomSummary? & atomTitle & atomUpdated & extensionElement*) }
    const inner = children(entry, {
      author: 'many',
      category: 'many',
      content: 'optional',
      contributor: 'many',
      id: 'one',
      link: 'many',
      published: 'optional',
      rights: 'optional',
      source: 'optional',
      summary: 'optional',
      title: 'one',
      updated: 'one'
    }, problems, where)
    metadata(inner, problems, where)
    // §4.1.2: an entry with no atom:content MUST have at least one rel="alternate" link.
    if (inner.content === undefined && !(inner.link ?? []).some((element) => (element.attributes.rel ?? 'alternate') === 'alternate')) problems.push(`${where}: no content and no alternate link`)
    // §4.1.1: a feed with no atom:author needs one in every entry.
    if (found.author === undefined && inner.author === undefined) problems.push(`${where}: no author in the entry nor in the feed`)
  }
  return problems
}
