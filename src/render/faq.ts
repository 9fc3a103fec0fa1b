/**
 * Questions as schema.org JSON-LD (an FAQPage whose mainEntity is each Question with its acceptedAnswer) and as an
 * embed page (each question a <details> whose <summary> is the question), with the same styles, escaping and CSP as
 * the topic embed pages. The answer's citations are the references of its supporting statements.
 */
import type { Language } from '../../schemas/common.ts'
import type { TopicResponse } from '../../schemas/api.ts'
import type { Item } from '../db/entities.ts'
import type { Provenance } from '../db/store.ts'
import { escapeHtml, jsonForScript, referenceItem, styles, type Theme } from './html.ts'
import { citation, JSONLD_CONTEXT } from './jsonld.ts'

type Reference = TopicResponse['references'][number]

export interface FaqSet {
  /** Absolute URL of the set (the list in the API). */
  url: string
  name: string
  lang: Language
  /** The disease's preferred name in `lang`. */
  condition: string
  /** Question details (with `citations`), in order. */
  questions: readonly Item[]
  provenance: Provenance
}

const latest = (questions: readonly Item[]): string | undefined =>
  questions.map((question) => String(question.lastReviewed)).sort().at(-1)

export function faqJsonLd (set: FaqSet): Record<string, unknown> {
  const lastReviewed = latest(set.questions)
  return {
    '@context': JSONLD_CONTEXT,
    '@type': 'FAQPage',
    url: set.url,
    name: set.name,
    inLanguage: set.lang,
    about: { '@type': 'MedicalCondition', name: set.condition },
    ...(lastReviewed === undefined ? {} : { lastReviewed }),
    mainEntity: set.questions.map((question) => ({
      '@type': 'Question',
      name: question.question,
      url: (question.links as { self: string }).self,
      acceptedAnswer: {
        '@type': 'Answer',
        text: question.answer,
        citation: (question.citations as Reference[]).map(citation)
      }
    })),
    license: set.provenance.license.url,
    creditText: set.provenance.attribution,
    publisher: { '@type': 'Organization', name: set.provenance.publisher },
    version: set.provenance.contentVersion
  }
}

/** The name of a set of questions: all of them, or a topic's. */
export function faqName (lang: Language, topicTitle?: string): string {
  if (topicTitle === undefined) return lang === 'tr' ? 'ALS hakkında sık sorulan sorular' : 'Frequently asked questions about ALS'
  return lang === 'tr' ? `${topicTitle}: sık sorulan sorular` : `${topicTitle}: frequently asked questions`
}

const LABELS = {
  en: { references: 'References', lastReviewed: 'Last reviewed', licence: 'Licence', source: 'Source', reference: 'Reference', disclaimer: 'Not medical advice', readMore: 'Read the full topic on the ALS Reference API', questions: 'Questions' },
  tr: { references: 'Kaynaklar', lastReviewed: 'Son gözden geçirme', licence: 'Lisans', source: 'Kaynak', reference: 'Kaynak', disclaimer: 'Tıbbi tavsiye değildir', readMore: 'Konunun tamamını ALS Reference API üzerinde okuyun', questions: 'Sorular' }
} satisfies Record<Language, Record<string, string>>

const FAQ_STYLES = 'details{border-bottom:1px solid var(--rule);padding:.5rem 0}' +
  'summary{cursor:pointer;font-weight:600}summary:focus-visible{outline:2px solid var(--link);outline-offset:2px}'

export interface FaqPageOptions {
  theme: Theme
  /** Absolute URL readers follow to the source (the topic in the API). */
  sourceUrl: string
  /** URL of the resize script. */
  resizeScriptUrl: string
}

/** The embed page of a set of questions: each a <details>, its answer with numbered citations, then the references. */
export function renderQuestionsPage (set: FaqSet, options: FaqPageOptions): string {
  const labels = LABELS[set.lang]
  const references: Reference[] = []
  const numbers = new Map<string, number>()
  for (const question of set.questions) {
    for (const reference of question.citations as Reference[]) {
      if (numbers.has(reference.id)) continue
      numbers.set(reference.id, numbers.size + 1)
      references.push({ ...reference, number: numbers.size })
    }
  }
  const cite = (reference: Reference): string => {
    const number = numbers.get(reference.id) as number
    return `<sup><a href="#ref-${number}" aria-label="${escapeHtml(`${labels.reference} ${number}`)}">[${number}]</a></sup>`
  }
  const questions = set.questions.map((question) =>
    `<details id="q-${escapeHtml(question.id)}"><summary>${escapeHtml(String(question.question))}</summary>` +
    `<p>${escapeHtml(String(question.answer))}${(question.citations as Reference[]).map(cite).join('')}</p></details>`).join('')
  const list = references.map(referenceItem).join('')
  // The route serves pages of topics that have questions only.
  const lastReviewed = latest(set.questions) as string
  const { provenance } = set
  return '<!doctype html>' +
    `<html lang="${set.lang}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<link rel="icon" href="data:,">' +
    `<title>${escapeHtml(set.name)} — ALS Reference API</title>` +
    `<link rel="canonical" href="${escapeHtml(options.sourceUrl)}">` +
    `<style>${styles(options.theme)}${FAQ_STYLES}</style>` +
    `<script type="application/ld+json">${jsonForScript(faqJsonLd(set))}</script>` +
    `<script src="${escapeHtml(options.resizeScriptUrl)}" defer></script>` +
    '</head><body><main>' +
    `<h1>${escapeHtml(set.name)}</h1>` +
    `<p class="meta">${labels.lastReviewed}: <time datetime="${escapeHtml(lastReviewed)}">${escapeHtml(lastReviewed)}</time></p>` +
    `<p class="disclaimer" role="note"><strong>${labels.disclaimer}.</strong> ${escapeHtml(provenance.disclaimer)}</p>` +
    `<section aria-label="${labels.questions}">${questions}</section>` +
    `<section aria-labelledby="refs"><h2 id="refs">${labels.references}</h2><ol class="refs">${list}</ol></section>` +
    '<footer>' +
    `<p>${escapeHtml(provenance.attribution)} ${labels.licence}: <a href="${escapeHtml(provenance.license.url)}" target="_blank" rel="license noopener noreferrer">${escapeHtml(provenance.license.name)}</a>.</p>` +
    `<p>${labels.source}: <a href="${escapeHtml(options.sourceUrl)}" target="_blank" rel="noopener">${labels.readMore}</a> (${escapeHtml(provenance.contentVersion)}).</p>` +
    '</footer></main></body></html>'
}
