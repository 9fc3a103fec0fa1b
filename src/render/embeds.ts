/**
 * The HTML and JSON-LD representations of every topic, prepared once per release (content is immutable): one page per
 * topic × language × theme × form, one JSON-LD document per topic × language, each made on first demand and then
 * kept. Pages of a subset of sections, or with a host's accent, font or summary choice, are rendered per request from
 * the same parts.
 */
import type { Language } from '../../schemas/common.ts'
import type { TopicId } from '../../schemas/topics/index.ts'
import type { TopicResponse } from '../../schemas/api.ts'
import { prepare, prepareText, type ContentStore, type Prepared } from '../db/store.ts'
import { memo } from '../db/memo.ts'
import { DEFAULT_VIEW, renderTopicPage, type EmbedView, type Form, type Theme } from './html.ts'
import { topicJsonLd } from './jsonld.ts'

export const RESIZE_SCRIPT_PATH = '/embed/resize.js'

/** What an embed URL may choose beside language and theme; absent fields take the page's defaults. */
export type EmbedChoices = Partial<Omit<EmbedView, 'theme'>> & { sections?: readonly string[] }

export interface Embeds {
  page: (id: TopicId, lang: Language, theme: Theme, form?: Form) => Prepared
  /** A page of only some sections of a topic (already filtered), or with other choices, rendered now. */
  renderPage: (topic: TopicResponse, theme: Theme, choices?: EmbedChoices) => Prepared
  jsonLd: (id: TopicId, lang: Language) => Prepared
  jsonLdValue: (id: TopicId, lang: Language) => Record<string, unknown>
  /** The embed URL of a topic with these choices: `lang` and `theme` always, the others when they are not defaults. */
  pageUrl: (id: TopicId, lang: Language, theme: Theme, choices?: EmbedChoices) => string
  oembedUrl: (pageUrl: string) => string
}

/** The query of an embed URL, in a fixed order, so that one embed has one URL. */
export function embedQuery (lang: Language, theme: Theme, choices: EmbedChoices = {}): string {
  const parts = [`lang=${lang}`, `theme=${theme}`]
  if (choices.sections !== undefined) parts.push(`sections=${choices.sections.join(',')}`)
  if (choices.form !== undefined && choices.form !== DEFAULT_VIEW.form) parts.push(`form=${choices.form}`)
  if (choices.summary !== undefined && choices.summary !== (choices.sections === undefined)) parts.push(`summary=${String(choices.summary)}`)
  if (choices.accent !== undefined) parts.push(`accent=${choices.accent.slice(1)}`)
  if (choices.font !== undefined) parts.push(`font=${choices.font}`)
  return parts.join('&')
}

export function prepareEmbeds (store: ContentStore, baseUrl: string): Embeds {
  const pageUrl = (id: TopicId, lang: Language, theme: Theme, choices?: EmbedChoices): string => `${baseUrl}/embed/topics/${id}?${embedQuery(lang, theme, choices)}`
  const oembedUrl = (url: string): string => `${baseUrl}/oembed?url=${encodeURIComponent(url)}&format=json`
  const jsonLdValue = memo((key: string): Record<string, unknown> => {
    const [id, lang] = key.split(':') as [TopicId, Language]
    return topicJsonLd(store.topic(id, lang), store.topic('definition', lang), { url: `${baseUrl}/v1/topics/${id}?lang=${lang}` })
  })
  const jsonLdPrepared = memo((key: string): Prepared => prepare(jsonLdValue(key)))

  const render = (topic: TopicResponse, theme: Theme, choices: EmbedChoices = {}): Prepared => {
    const id = topic.id as TopicId
    const lang = topic.lang as Language
    const url = pageUrl(id, lang, theme, choices)
    const { sections: _sections, ...view } = choices
    return prepareText(renderTopicPage(topic, {
      ...view,
      theme,
      pageUrl: url,
      oembedUrl: oembedUrl(url),
      sourceUrl: `${baseUrl}/v1/topics/${id}?lang=${lang}`,
      resizeScriptUrl: RESIZE_SCRIPT_PATH,
      jsonLd: jsonLdValue(`${id}:${lang}`)
    }))
  }
  const page = memo((key: string): Prepared => {
    const [id, lang, theme, form] = key.split(':') as [TopicId, Language, Theme, Form]
    return render(store.topic(id, lang), theme, form === DEFAULT_VIEW.form ? {} : { form })
  })

  return {
    page: (id, lang, theme, form = DEFAULT_VIEW.form) => page(`${id}:${lang}:${theme}:${form}`),
    renderPage: render,
    jsonLd: (id, lang) => jsonLdPrepared(`${id}:${lang}`),
    jsonLdValue: (id, lang) => jsonLdValue(`${id}:${lang}`),
    pageUrl,
    oembedUrl
  }
}
