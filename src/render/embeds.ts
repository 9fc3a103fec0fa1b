/**
 * The HTML and JSON-LD representations of every topic, prepared once per release (content is immutable): one page per
 * topic × language × theme, one JSON-LD document per topic × language, each made on first demand and then kept.
 * Pages of a subset of sections are rendered per request from the same parts.
 */
import type { Language } from '../../schemas/common.ts'
import type { TopicId } from '../../schemas/topics/index.ts'
import type { TopicResponse } from '../../schemas/api.ts'
import { prepare, prepareText, type ContentStore, type Prepared } from '../db/store.ts'
import { memo } from '../db/memo.ts'
import { renderTopicPage, type Theme } from './html.ts'
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
  const jsonLdValue = memo((key: string): Record<string, unknown> => {
    const [id, lang] = key.split(':') as [TopicId, Language]
    return topicJsonLd(store.topic(id, lang), store.topic('definition', lang), { url: `${baseUrl}/v1/topics/${id}?lang=${lang}` })
  })
  const jsonLdPrepared = memo((key: string): Prepared => prepare(jsonLdValue(key)))

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
      jsonLd: jsonLdValue(`${id}:${lang}`)
    }))
  }
  const page = memo((key: string): Prepared => {
    const [id, lang, theme] = key.split(':') as [TopicId, Language, Theme]
    return render(store.topic(id, lang), theme)
  })

  return {
    page: (id, lang, theme) => page(`${id}:${lang}:${theme}`),
    renderPage: render,
    jsonLd: (id, lang) => jsonLdPrepared(`${id}:${lang}`),
    jsonLdValue: (id, lang) => jsonLdValue(`${id}:${lang}`),
    pageUrl,
    oembedUrl
  }
}
