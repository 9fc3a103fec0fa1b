/**
 * The embed page of a topic: self-contained, accessible HTML with inline CSS, readable without JavaScript. Every text
 * that comes from content goes through `escapeHtml`, the one escape function of this module; attribute values too.
 */
import type { Language } from '../../schemas/common.ts'
import type { TopicResponse } from '../../schemas/api.ts'

export const THEMES = ['light', 'dark'] as const
export type Theme = typeof THEMES[number]

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
    disclaimer: 'Not medical advice',
    readMore: 'Read the full topic on the ALS Reference API'
  },
  tr: {
    references: 'Kaynaklar',
    lastReviewed: 'Son gözden geçirme',
    licence: 'Lisans',
    source: 'Kaynak',
    reference: 'Kaynak',
    disclaimer: 'Tıbbi tavsiye değildir',
    readMore: 'Konunun tamamını ALS Reference API üzerinde okuyun'
  }
} satisfies Record<Language, Record<string, string>>

const COLOURS: Record<Theme, string> = {
  light: '--bg:#ffffff;--fg:#1b1b1b;--muted:#4a4a4a;--link:#0b57a4;--rule:#d0d0d0;--note:#fff4e0;--note-fg:#4a3000',
  dark: '--bg:#121212;--fg:#ececec;--muted:#c4c4c4;--link:#8cc4ff;--rule:#444444;--note:#2b2316;--note-fg:#ffe2b0'
}

export function styles (theme: Theme): string {
  return `:root{${COLOURS[theme]};color-scheme:${theme}}` +
    '*{box-sizing:border-box}' +
    'html{-webkit-text-size-adjust:100%;text-size-adjust:100%}' +
    'body{margin:0;padding:12px 16px;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}' +
    'main{max-width:48rem;margin:0 auto}' +
    'h1{font-size:1.5rem;line-height:1.25;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.25rem 0 .5rem}' +
    'p{margin:.5rem 0}a{color:var(--link)}a:focus-visible{outline:2px solid var(--link);outline-offset:2px}' +
    '.summary{color:var(--muted)}.meta{font-size:.875rem;color:var(--muted)}' +
    'sup{line-height:0}sup a{text-decoration:none;padding:0 .1em}' +
    'ol.refs{padding-left:1.5rem;font-size:.875rem}ol.refs li{margin:.25rem 0}' +
    '.disclaimer{background:var(--note);color:var(--note-fg);padding:.5rem .75rem;border-radius:4px;font-size:.875rem}' +
    'footer{border-top:1px solid var(--rule);margin-top:1.25rem;padding-top:.5rem;font-size:.875rem;color:var(--muted)}'
}

export interface EmbedPageOptions {
  theme: Theme
  /** Absolute URL of the page itself, as the oEmbed discovery link names it. */
  pageUrl: string
  /** Absolute URL of the oEmbed endpoint for this page. */
  oembedUrl: string
  /** Absolute URL readers follow to the source (the topic in the API). */
  sourceUrl: string
  /** Absolute URL of the resize script. */
  resizeScriptUrl: string
  /** The page's JSON-LD, embedded in a data block. */
  jsonLd: unknown
}

function citationLinks (citations: readonly string[], numbers: Map<string, number>, lang: Language): string {
  return citations.map((id) => {
    const number = numbers.get(id)
    /* c8 ignore next - the store resolves every citation to a numbered reference */
    if (number === undefined) return ''
    return `<sup><a href="#ref-${number}" aria-label="${escapeHtml(`${LABELS[lang].reference} ${number}`)}">[${number}]</a></sup>`
  }).join('')
}

export function referenceItem (reference: TopicResponse['references'][number]): string {
  const link = reference.links.doi ?? reference.links.pubmed ?? reference.links.url
  const citation = escapeHtml(reference.citation)
  const body = link === undefined ? citation : `${citation} <a href="${escapeHtml(link)}" target="_blank" rel="noopener noreferrer">${escapeHtml(link)}</a>`
  return `<li id="ref-${reference.number}" value="${reference.number}">${body}</li>`
}

/** The whole page. `topic` may carry a subset of its sections (`?sections=`); references stay whole. */
export function renderTopicPage (topic: TopicResponse, options: EmbedPageOptions): string {
  const lang = topic.lang as Language
  const labels = LABELS[lang]
  const numbers = new Map(topic.references.map((reference) => [reference.id, reference.number]))
  const sections = topic.sections.map((section) =>
    `<section aria-labelledby="s-${escapeHtml(section.id)}"><h2 id="s-${escapeHtml(section.id)}">${escapeHtml(section.heading)}</h2>` +
    section.statements.map((statement) => `<p>${escapeHtml(statement.text)}${citationLinks(statement.citations, numbers, lang)}</p>`).join('') +
    '</section>').join('')
  const references = topic.references.length === 0
    ? ''
    : `<section aria-labelledby="refs"><h2 id="refs">${labels.references}</h2><ol class="refs">${topic.references.map(referenceItem).join('')}</ol></section>`
  const { provenance } = topic
  return '<!doctype html>' +
    `<html lang="${lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<link rel="icon" href="data:,">' +
    `<title>${escapeHtml(topic.title)} — ALS Reference API</title>` +
    `<link rel="canonical" href="${escapeHtml(options.sourceUrl)}">` +
    `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(options.oembedUrl)}" title="${escapeHtml(topic.title)}">` +
    `<style>${styles(options.theme)}</style>` +
    `<script type="application/ld+json">${jsonForScript(options.jsonLd)}</script>` +
    `<script src="${escapeHtml(options.resizeScriptUrl)}" defer></script>` +
    '</head><body><main>' +
    `<h1>${escapeHtml(topic.title)}</h1>` +
    `<p class="summary">${escapeHtml(topic.summary)}</p>` +
    `<p class="meta">${labels.lastReviewed}: <time datetime="${escapeHtml(topic.lastReviewed)}">${escapeHtml(topic.lastReviewed)}</time></p>` +
    `<p class="disclaimer" role="note"><strong>${labels.disclaimer}.</strong> ${escapeHtml(provenance.disclaimer)}</p>` +
    sections +
    references +
    '<footer>' +
    `<p>${escapeHtml(provenance.attribution)} ${labels.licence}: <a href="${escapeHtml(provenance.license.url)}" target="_blank" rel="license noopener noreferrer">${escapeHtml(provenance.license.name)}</a>.</p>` +
    `<p>${labels.source}: <a href="${escapeHtml(options.sourceUrl)}" target="_blank" rel="noopener">${labels.readMore}</a> (${escapeHtml(provenance.contentVersion)}).</p>` +
    '</footer></main></body></html>'
}
