/**
 * The HTML and JSON-LD representations of every topic, prepared once per release (content is immutable): one page per
 * topic × language × theme, one JSON-LD document per topic × language. Pages of a subset of sections are rendered on
 * demand from the same parts.
 */
import { LANGUAGES, type Language, type TopicId } from '../../schemas/common.ts'
import type { TopicResponse } from '../../schemas/api.ts'
import { prepare, prepareText, type ContentStore, type Prepared } from '../db/store.ts'
import { renderTopicPage, THEMES, type Theme } from './html.ts'
import { topicJsonLd } from './jsonld.ts'

export const RESIZE_SCRIPT_PATH = '/embed/resize.js'

export interface Embeds {
  page: (id: TopicId, lang: Language, theme: Theme) => Prepared
  /** A page of only some sections of a topic (already filtered), rendered now. */
  renderPage: (topic: TopicResponse, theme: Theme) => Prepared
  jsonLd: (id: TopicId, lang: Language) => Prepared
  jsonLdValue: (id: TopicId, lang: Language) => Record<string, unknown>
  pageUrl: (id: TopicId, lang: Language, theme: Theme) => string
  oembedUrl: (pageUrl: string) => string
}

export function prepareEmbeds (store: ContentStore, baseUrl: string): Embeds {
  const pageUrl = (id: TopicId, lang: Language, theme: Theme): string => `${baseUrl}/embed/topics/${id}?lang=${lang}&theme=${theme}`
  const oembedUrl = (url: string): string => `${baseUrl}/oembed?url=${encodeURIComponent(url)}&format=json`
  const jsonLdValues = new Map<string, Record<string, unknown>>()
  const jsonLdPrepared = new Map<string, Prepared>()
  const pages = new Map<string, Prepared>()

  const render = (topic: TopicResponse, theme: Theme): Prepared => {
    const id = topic.id as TopicId
    const lang = topic.lang as Language
    const url = pageUrl(id, lang, theme)
    return prepareText(renderTopicPage(topic, {
      theme,
      pageUrl: url,
      oembedUrl: oembedUrl(url),
      sourceUrl: `${baseUrl}/v1/topics/${id}?lang=${lang}`,
      resizeScriptUrl: RESIZE_SCRIPT_PATH,
      jsonLd: get(jsonLdValues, `${id}:${lang}`)
    }))
  }

  for (const lang of LANGUAGES) {
    const definition = store.topic('definition', lang)
    for (const id of store.topicIds) {
      const value = topicJsonLd(store.topic(id, lang), definition, { url: `${baseUrl}/v1/topics/${id}?lang=${lang}` })
      jsonLdValues.set(`${id}:${lang}`, value)
      jsonLdPrepared.set(`${id}:${lang}`, prepare(value))
      for (const theme of THEMES) pages.set(`${id}:${lang}:${theme}`, render(store.topic(id, lang), theme))
    }
  }

  return {
    page: (id, lang, theme) => get(pages, `${id}:${lang}:${theme}`),
    renderPage: render,
    jsonLd: (id, lang) => get(jsonLdPrepared, `${id}:${lang}`),
    jsonLdValue: (id, lang) => get(jsonLdValues, `${id}:${lang}`),
    pageUrl,
    oembedUrl
  }
}

function get<T> (map: Map<string, T>, key: string): T {
  const value = map.get(key)
  /* c8 ignore next - every topic, language and theme is prepared at start */
  if (value === undefined) throw new Error(`not prepared: ${key}`)
  return value
}
