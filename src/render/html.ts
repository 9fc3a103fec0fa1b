/**
 * The embed page of a topic: self-contained, accessible HTML with inline CSS, readable without JavaScript. Every text
 * that comes from content goes through `escapeHtml`, the one escape function of this module; attribute values too.
 */
import type { Language } from '../../schemas/common.ts'
import type { TopicResponse } from '../../schemas/api.ts'

export const THEMES = ['light', 'dark', 'auto'] as const
export type Theme = typeof THEMES[number]

/** `full`: every statement; `short`: summary, a table of contents and collapsed sections. */
export const FORMS = ['full', 'short'] as const
export type Form = typeof FORMS[number]

/**
 * Fonts a host may choose: only fonts installed on readers' devices (the CSP loads none), each with fallbacks that
 * end in a generic family, so any choice stays readable.
 */
export const FONT_STACKS = {
  'system-ui': 'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif',
  'sans-serif': '"Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif',
  serif: 'Georgia,"Times New Roman","Liberation Serif",serif',
  arial: 'Arial,"Liberation Sans",Helvetica,sans-serif',
  helvetica: '"Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif',
  verdana: 'Verdana,"DejaVu Sans",sans-serif',
  tahoma: 'Tahoma,Verdana,"DejaVu Sans",sans-serif',
  'trebuchet-ms': '"Trebuchet MS","Lucida Grande","DejaVu Sans",sans-serif',
  georgia: 'Georgia,"DejaVu Serif",serif',
  'times-new-roman': '"Times New Roman",Times,"Liberation Serif",serif',
  palatino: '"Palatino Linotype",Palatino,"Book Antiqua","URW Palladio L",serif'
} as const
export type FontName = keyof typeof FONT_STACKS
export const FONTS = Object.keys(FONT_STACKS) as FontName[]

/** An accent colour as a host writes it: `#0b57a4`, `0b57a4`, `#07c` (the `#` may be left out of a URL). */
export const ACCENT_PATTERN = '^#?(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$'

/** How an embed looks: what the host chose, within what the page allows. */
export interface EmbedView {
  theme: Theme
  form: Form
  /** Show the topic's summary (the default for a whole topic; a section embed shows it when asked). */
  summary: boolean
  /** Accent colour, `#rrggbb` (see normalizeAccent). */
  accent?: string
  font?: FontName
}

export const DEFAULT_VIEW: EmbedView = { theme: 'light', form: 'full', summary: true }

/** `#abc`, `abc`, `#AABBCC` → `#aabbcc`. The value must match ACCENT_PATTERN. */
export function normalizeAccent (value: string): string {
  const hex = value.replace(/^#/, '').toLowerCase()
  return `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex}`
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml (value: string | number): string {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char] as string)
}

/** JSON inside `<script type="application/ld+json">`: `<` is escaped so the text can never close the element. */
export function jsonForScript (value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

/** The content security policy of embed pages: no script but our own resize script, framable from anywhere. */
export const EMBED_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'self'; " +
  "connect-src 'none'; frame-ancestors *; base-uri 'none'; form-action 'none'"

const LABELS = {
  en: {
    references: 'References',
    lastReviewed: 'Last reviewed',
    licence: 'Licence',
    source: 'Source',
    reference: 'Reference',
    contents: 'Contents',
    toReferences: 'Go to the reference list',
    readMore: 'Read the full topic on the ALS Reference API'
  },
  tr: {
    references: 'Kaynaklar',
    lastReviewed: 'Son gözden geçirme',
    licence: 'Lisans',
    source: 'Kaynak',
    reference: 'Kaynak',
    contents: 'İçindekiler',
    toReferences: 'Kaynak listesinde göster',
    readMore: 'Konunun tamamını ALS Reference API üzerinde okuyun'
  }
} satisfies Record<Language, Record<string, string>>

interface Palette { bg: string, fg: string, muted: string, link: string, rule: string, note: string, noteFg: string, pop: string }

const PALETTES: Record<'light' | 'dark', Palette> = {
  light: { bg: '#ffffff', fg: '#1b1b1b', muted: '#4a4a4a', link: '#0b57a4', rule: '#d0d0d0', note: '#fff4e0', noteFg: '#4a3000', pop: '#ffffff' },
  dark: { bg: '#121212', fg: '#ececec', muted: '#c4c4c4', link: '#8cc4ff', rule: '#444444', note: '#2b2316', noteFg: '#ffe2b0', pop: '#1e1e1e' }
}

function channels (hex: string): [number, number, number] {
  return [1, 3, 5].map((index) => parseInt(hex.slice(index, index + 2), 16)) as [number, number, number]
}

/** WCAG 2 relative luminance of `#rrggbb`. */
function luminance (hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const c = channel / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrastRatio (a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/**
 * The host's accent, made readable as text on `background` (WCAG AA, 4.5:1): mixed towards black on a light
 * background, towards white on a dark one, only as far as it must be. Any accent a host gives stays legible.
 */
export function readableAccent (accent: string, background: string): string {
  const target = luminance(background) > 0.5 ? [0, 0, 0] : [255, 255, 255]
  const from = channels(accent)
  for (let step = 0; step <= 20; step++) {
    const mixed = '#' + from.map((channel, index) => Math.round(channel + ((target[index] as number) - channel) * step / 20).toString(16).padStart(2, '0')).join('')
    if (contrastRatio(mixed, background) >= 4.5) return mixed
  }
  /* c8 ignore next - black on a light background and white on a dark one always reach 4.5:1 */
  return target[0] === 0 ? '#000000' : '#ffffff'
}

function paletteVariables (palette: Palette, accent: string | undefined): string {
  const link = accent === undefined ? palette.link : readableAccent(accent, palette.bg)
  return `--bg:${palette.bg};--fg:${palette.fg};--muted:${palette.muted};--link:${link};--accent:${accent ?? link};--rule:${palette.rule};` +
    `--note:${palette.note};--note-fg:${palette.noteFg};--pop:${palette.pop}`
}

function colourRules (view: Pick<EmbedView, 'theme' | 'accent'>): string {
  if (view.theme !== 'auto') return `:root{${paletteVariables(PALETTES[view.theme], view.accent)};color-scheme:${view.theme}}`
  return `:root{${paletteVariables(PALETTES.light, view.accent)};color-scheme:light dark}` +
    `@media (prefers-color-scheme:dark){:root{${paletteVariables(PALETTES.dark, view.accent)}}}`
}

const BASE_STYLES = '*{box-sizing:border-box}' +
  'html{-webkit-text-size-adjust:100%;text-size-adjust:100%}' +
  'body{margin:0;padding:12px 16px;background:var(--bg);color:var(--fg);font-size:16px;line-height:1.55;font-family:var(--font);overflow-wrap:break-word}' +
  'main{max-width:48rem;margin:0 auto}' +
  'h1{font-size:1.5rem;line-height:1.25;margin:0 0 .25rem}h2{font-size:1.2rem;line-height:1.3;margin:1.25rem 0 .5rem}' +
  'p{margin:.5rem 0}a{color:var(--link);overflow-wrap:anywhere}' +
  ':focus-visible{outline:2px solid var(--link);outline-offset:2px}' +
  '.summary{color:var(--muted);border-left:3px solid var(--accent);padding-left:.75rem}.meta{font-size:.875rem;color:var(--muted)}' +
  'sup{line-height:0}' +
  '.cite{font:inherit;font-size:.85em;color:var(--link);background:none;border:0;padding:.45em .2em;margin:-.45em -.05em;cursor:pointer;text-decoration:underline dotted;text-underline-offset:.2em}' +
  '.cite:hover,.cite[aria-expanded=true]{text-decoration-style:solid}' +
  '.ref-pop{margin:auto;max-width:min(28rem,calc(100vw - 24px));padding:.5rem .75rem;background:var(--pop);color:var(--fg);border:1px solid var(--rule);border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.25);font-size:.875rem;line-height:1.45}' +
  '.ref-pop p{margin:.25rem 0}' +
  'ol.refs{padding-left:1.75rem;font-size:.875rem}ol.refs li{margin:.35rem 0;scroll-margin-top:1rem}ol.refs li.is-target{outline:2px solid var(--accent);outline-offset:2px}' +
  '.disclaimer{background:var(--note);color:var(--note-fg);padding:.5rem .75rem;border-radius:4px;font-size:.875rem}' +
  '.toc{border:1px solid var(--rule);border-radius:6px;padding:.25rem .75rem;margin:1rem 0}.toc h2{font-size:1rem;margin:.5rem 0 .25rem}' +
  '.toc ol{margin:.25rem 0 .5rem;padding-left:1.5rem}.toc li{margin:.2rem 0}' +
  'details{border-top:1px solid var(--rule)}details:last-of-type{border-bottom:1px solid var(--rule)}' +
  'summary{cursor:pointer;padding:.6rem 0;list-style-position:outside;margin-left:1.1rem}summary::marker{color:var(--accent)}' +
  'summary h2{display:inline;font-size:1.1rem;margin:0}details>div{padding:0 0 .5rem}' +
  'footer{border-top:1px solid var(--rule);margin-top:1.25rem;padding-top:.5rem;font-size:.875rem;color:var(--muted)}' +
  '@media (max-width:480px){body{padding:10px 12px}h1{font-size:1.35rem}h2{font-size:1.125rem}}' +
  // Print: ink on paper whatever the theme, every section open (the page script opens closed ones), no pop-ups.
  '@media print{:root{--bg:#fff;--fg:#000;--muted:#222;--link:#000;--rule:#999;--note:#fff;--note-fg:#000;color-scheme:light}' +
  'body{padding:0;font-size:11pt}main{max-width:none}.toc,.ref-pop{display:none}.cite{text-decoration:none;padding:0;margin:0}' +
  '.disclaimer{border:1px solid #999}details{border:0}details::details-content{content-visibility:visible;display:contents}summary{list-style:none;margin-left:0}summary::-webkit-details-marker{display:none}' +
  'h1,h2{break-after:avoid}p,li{break-inside:avoid}a{text-decoration:none}}'

/** The page's CSS for a theme, or for a host's whole choice (theme, accent, font). Shared with other embed pages. */
export function styles (choice: Theme | Pick<EmbedView, 'theme' | 'accent' | 'font'>): string {
  const view = typeof choice === 'string' ? { theme: choice } : choice
  return `${colourRules(view)}:root{--font:${FONT_STACKS[view.font ?? 'system-ui']}}${BASE_STYLES}`
}

export interface EmbedPageOptions extends Partial<EmbedView> {
  /** Absolute URL of the page itself, as the oEmbed discovery link names it. */
  pageUrl: string
  /** Absolute URL of the oEmbed endpoint for this page. */
  oembedUrl: string
  /** Absolute URL readers follow to the source (the topic in the API). */
  sourceUrl: string
  /** Absolute URL of the page script (resize, citations, in-page links). */
  resizeScriptUrl: string
  /** The page's JSON-LD, embedded in a data block. */
  jsonLd: unknown
}

type Reference = TopicResponse['references'][number]

/**
 * The references the page shows: those its statements cite, numbered from 1 in order of first citation, so that a
 * page of some sections lists only its own sources. The references topic is the bibliography: all of them.
 */
export function shownReferences (topic: TopicResponse): Reference[] {
  if (topic.id === 'references') return topic.references
  const byId = new Map(topic.references.map((reference) => [reference.id, reference]))
  const order = new Set<string>()
  for (const section of topic.sections) for (const statement of section.statements) for (const id of statement.citations) if (byId.has(id)) order.add(id)
  return [...order].map((id, index) => ({ ...byId.get(id) as Reference, number: index + 1 }))
}

function citationButtons (citations: readonly string[], numbers: Map<string, number>, lang: Language): string {
  return citations.map((id) => {
    const number = numbers.get(id)
    /* c8 ignore next - the store resolves every citation to a numbered reference */
    if (number === undefined) return ''
    return `<sup><button type="button" class="cite" popovertarget="ref-pop-${number}" aria-label="${escapeHtml(`${LABELS[lang].reference} ${number}`)}">[${number}]</button></sup>`
  }).join('')
}

function referenceBody (reference: Reference): string {
  const link = reference.links.doi ?? reference.links.pubmed ?? reference.links.url
  const citation = escapeHtml(reference.citation)
  if (link === undefined) return citation
  const anchor = `<a href="${escapeHtml(link)}" target="_blank" rel="noopener noreferrer">${escapeHtml(link)}</a>`
  // A citation that ends with its URL ("Available from: …") gets it as the link, not written twice.
  return citation.endsWith(escapeHtml(link)) ? citation.slice(0, -escapeHtml(link).length) + anchor : `${citation} ${anchor}`
}

export function referenceItem (reference: Reference): string {
  return `<li id="ref-${reference.number}" value="${reference.number}" tabindex="-1">${referenceBody(reference)}</li>`
}

/** One pop-up per reference, shared by every marker that cites it: shown on tap, hover or keyboard. */
function referencePopover (reference: Reference, lang: Language): string {
  return `<div id="ref-pop-${reference.number}" class="ref-pop" popover><p><strong>[${reference.number}]</strong> ${referenceBody(reference)}</p>` +
    `<p><a href="#ref-${reference.number}">${LABELS[lang].toReferences}</a></p></div>`
}

function documentHead (lang: Language, title: string, css: string, extra: string, scriptUrl: string): string {
  return '<!doctype html>' +
    `<html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<link rel="icon" href="data:,">' +
    `<title>${escapeHtml(title)} — ALS Reference API</title>` +
    extra +
    `<style>${css}</style>` +
    `<script src="${escapeHtml(scriptUrl)}" defer></script>` +
    '</head>'
}

/**
 * The whole page. `topic` may carry a subset of its sections (`?sections=`): the page then lists only the references
 * those sections cite. `form: 'short'` folds each section into a `<details>` under a table of contents.
 */
export function renderTopicPage (topic: TopicResponse, options: EmbedPageOptions): string {
  const view = { ...DEFAULT_VIEW, ...options }
  const lang = topic.lang as Language
  const labels = LABELS[lang]
  const short = view.form === 'short'
  const references = shownReferences(topic)
  const numbers = new Map(references.map((reference) => [reference.id, reference.number]))
  const statements = (section: TopicResponse['sections'][number]): string =>
    section.statements.map((statement) => `<p>${escapeHtml(statement.text)}${citationButtons(statement.citations, numbers, lang)}</p>`).join('')
  const heading = (id: string, text: string): string => `<h2 id="${escapeHtml(id)}">${escapeHtml(text)}</h2>`
  const block = (id: string, text: string, body: string): string => short
    ? `<details><summary>${heading(id, text)}</summary><div>${body}</div></details>`
    : `<section aria-labelledby="${escapeHtml(id)}">${heading(id, text)}${body}</section>`
  const sections = topic.sections.map((section) => block(`s-${section.id}`, section.heading, statements(section))).join('')
  const referenceList = references.length === 0 ? '' : block('refs', labels.references, `<ol class="refs">${references.map(referenceItem).join('')}</ol>`)
  const toc = !short
    ? ''
    : `<nav class="toc" aria-labelledby="toc"><h2 id="toc">${labels.contents}</h2><ol>` +
      topic.sections.map((section) => `<li><a href="#s-${escapeHtml(section.id)}">${escapeHtml(section.heading)}</a></li>`).join('') +
      (references.length === 0 ? '' : `<li><a href="#refs">${labels.references}</a></li>`) + '</ol></nav>'
  const { provenance } = topic
  return documentHead(lang, topic.title, styles(view),
    `<link rel="canonical" href="${escapeHtml(options.sourceUrl)}">` +
    `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(options.oembedUrl)}" title="${escapeHtml(topic.title)}">` +
    `<script type="application/ld+json">${jsonForScript(options.jsonLd)}</script>`, options.resizeScriptUrl) +
    '<body><main>' +
    `<h1>${escapeHtml(topic.title)}</h1>` +
    (view.summary ? `<p class="summary">${escapeHtml(topic.summary)}</p>` : '') +
    `<p class="meta">${labels.lastReviewed}: <time datetime="${escapeHtml(topic.lastReviewed)}">${escapeHtml(topic.lastReviewed)}</time></p>` +
    // The disclaimer of the release says "not medical advice" itself: it is shown once, as written.
    `<p class="disclaimer" role="note">${escapeHtml(provenance.disclaimer)}</p>` +
    toc +
    sections +
    referenceList +
    '<footer>' +
    `<p>${escapeHtml(provenance.attribution)} ${labels.licence}: <a href="${escapeHtml(provenance.license.url)}" target="_blank" rel="license noopener noreferrer">${escapeHtml(provenance.license.name)}</a>.</p>` +
    `<p>${labels.source}: <a href="${escapeHtml(options.sourceUrl)}" target="_blank" rel="noopener">${labels.readMore}</a> (${escapeHtml(provenance.contentVersion)}).</p>` +
    '</footer></main>' +
    references.map((reference) => referencePopover(reference, lang)).join('') +
    '</body></html>'
}

const ERROR_LABELS = {
  en: {
    title: 'This ALS content cannot be shown',
    topic: 'The embed names a topic that does not exist.',
    address: 'There is no ALS Reference API embed at this address.',
    parameter: (names: string) => `The embed has a setting the ALS Reference API does not accept: ${names}.`,
    busy: 'The service is busy. Please try again in a moment.',
    other: (status: number) => `The ALS Reference API could not answer (error ${status}).`,
    allowed: 'Accepted values',
    detail: 'For the site\'s editors'
  },
  tr: {
    title: 'Bu ALS içeriği gösterilemiyor',
    topic: 'Yerleştirme kodu var olmayan bir konuyu belirtiyor.',
    address: 'Bu adreste bir ALS Reference API yerleştirmesi yok.',
    parameter: (names: string) => `Yerleştirme kodunda ALS Reference API'nin kabul etmediği bir ayar var: ${names}.`,
    busy: 'Hizmet şu anda yoğun. Lütfen biraz sonra yeniden deneyin.',
    other: (status: number) => `ALS Reference API bu isteği yanıtlayamadı (hata ${status}).`,
    allowed: 'Geçerli değerler',
    detail: 'Sitenin editörleri için'
  }
}

export interface EmbedProblem {
  status: number
  type: string
  detail?: string
  invalidParams?: Array<{ name: string }>
  allowed?: string[]
}

/**
 * What a frame shows instead of raw problem+json when an embed URL is wrong: a short, localised message for readers,
 * and the technical detail, smaller, for whoever wrote the embed code.
 */
export function renderErrorPage (problem: EmbedProblem, lang: Language, theme: Theme, scriptUrl: string): string {
  const labels = ERROR_LABELS[lang]
  const message = problem.type === '/problems/not-found'
    ? (problem.allowed === undefined ? labels.address : labels.topic)
    : problem.type === '/problems/invalid-parameter'
      ? labels.parameter((problem.invalidParams ?? []).map((param) => param.name).join(', '))
      : problem.status === 429 || problem.status === 503 ? labels.busy : labels.other(problem.status)
  return documentHead(lang, labels.title, styles(theme) + '.error{border-left:3px solid var(--accent);padding-left:.75rem}.error h1{font-size:1.125rem}.error .meta{overflow-wrap:anywhere}', '', scriptUrl) +
    '<body><main class="error">' +
    `<h1>${labels.title}</h1><p>${escapeHtml(message)}</p>` +
    (problem.allowed === undefined ? '' : `<p class="meta">${labels.allowed}: ${problem.allowed.map((value) => `<code>${escapeHtml(value)}</code>`).join(', ')}</p>`) +
    (problem.detail === undefined ? '' : `<p class="meta">${labels.detail}: ${escapeHtml(problem.detail)}</p>`) +
    '</main></body></html>'
}
