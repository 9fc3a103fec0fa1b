/**
 * A content fixture written by an attacker: markup, script, attribute-breaking quotes, a way out of the JSON-LD script
 * element, javascript: text and unicode tricks, in titles, headings, statements, synonyms, authors and notes.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { copyContent } from './helpers.ts'

export const HOSTILE = {
  script: '<script>window.__pwned = 1</script>',
  attribute: '"><img src=x onerror="window.__pwned = 2">',
  breakout: '</script><script>window.__pwned = 3</script><!--',
  link: 'javascript:window.__pwned = 4',
  unicode: 'RTL\u202Eevil\u202C zero\u200Bwidth line\u2028separator',
  quote: "' onmouseover='window.__pwned = 5"
}

/** YAML double-quoted scalar: every hostile string survives the YAML parser unchanged. */
const yaml = (text: string) => JSON.stringify(text)

export function hostileContent (t: { teardown: (fn: () => unknown) => void }): string {
  const dir = copyContent(t)
  const edit = (file: string, change: (text: string) => string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')))
  edit('definition.yaml', (text) => text
    .replace('title: { en: Definition, tr: Tanım }', `title: { en: ${yaml(HOSTILE.script)}, tr: ${yaml(HOSTILE.attribute)} }`)
    .replace('heading: { en: Overview, tr: Genel bakış }', `heading: { en: ${yaml(HOSTILE.breakout)}, tr: ${yaml(HOSTILE.quote)} }`)
    .replace('text: { en: First definition statement., tr: Birinci tanım ifadesi. }', `text: { en: ${yaml(`${HOSTILE.link} ${HOSTILE.unicode}`)}, tr: ${yaml(HOSTILE.breakout)} }`)
    .replace('term: { en: FX, tr: FX }', `term: { en: ${yaml(HOSTILE.breakout)}, tr: ${yaml(HOSTILE.script)} }`))
  edit('references/fixture.yaml', (text) => text
    .replace('title: A fixture article.', `title: ${yaml(HOSTILE.breakout)}`)
    .replace('authors: [Author A,', `authors: [${yaml(HOSTILE.attribute)},`)
    .replace('note: { en: A fixture note., tr: Bir test notu. }', `note: { en: ${yaml(HOSTILE.quote)}, tr: ${yaml(HOSTILE.script)} }`))
  return dir
}
