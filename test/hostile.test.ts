/**
 * Hostile content renders inert: escaped in the embed HTML, intact but harmless in JSON and JSON-LD, and a URL that
 * is not https never gets into the content at all. (test/browser/hostile.test.ts proves it in a real browser.)
 */
import t from 'tap'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadContent } from '../seed/load.ts'
import { buildTestApp, copyContent } from './helpers.ts'
import { HOSTILE, hostileContent } from './hostile.ts'

t.test('the embed page escapes every hostile string', async (t) => {
  const app = await buildTestApp(t, { contentDir: hostileContent(t) })
  for (const lang of ['en', 'tr']) {
    const res = await app.inject({ url: `/embed/topics/definition?lang=${lang}` })
    t.equal(res.statusCode, 200)
    const html = res.body
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])
    t.same(scripts, ['<script type="application/ld+json">', '<script src="/embed/resize.js" defer>'], `${lang}: only the page's own two script elements`)
    t.notMatch(html, /<img\b/, `${lang}: no injected element`)
    // Every tag, with its (double-quoted, escaped) attribute values removed: no event-handler attribute is left.
    const tags = (html.match(/<[a-z][^>]*>/gi) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""'))
    t.same(tags.filter((tag) => /\son\w+\s*=|'/i.test(tag)), [], `${lang}: no injected attribute`)
    t.notOk(html.includes('window.__pwned = 1</script>'), `${lang}: no script text reaches the markup unescaped`)
    t.ok(html.includes('&lt;script&gt;window.__pwned = 1&lt;/script&gt;') || html.includes('&quot;&gt;&lt;img src=x onerror=&quot;'), `${lang}: the text is there, escaped`)
    const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? ''
    t.notMatch(jsonLd, /<\/script|<!--/i, `${lang}: the JSON-LD cannot close its element or open a comment`)
    t.match(JSON.parse(jsonLd), { '@type': 'MedicalWebPage' }, `${lang}: the JSON-LD still parses`)
    t.ok(JSON.stringify(JSON.parse(jsonLd)).includes(lang === 'en' ? HOSTILE.script.slice(0, 8) : 'img src=x'), `${lang}: and keeps the text as text`)
  }
})

t.test('JSON and JSON-LD carry hostile text as plain JSON strings', async (t) => {
  const app = await buildTestApp(t, { contentDir: hostileContent(t) })
  const json = await app.inject({ url: '/v1/topics/definition' })
  t.equal(json.json().title, HOSTILE.script)
  t.equal(json.json().sections[0].statements[0].text, `${HOSTILE.link} ${HOSTILE.unicode}`)
  t.match(json.headers['content-type'], /^application\/json/)
  t.equal(json.headers['x-content-type-options'], 'nosniff', 'browsers will not sniff it as HTML')
  const jsonLd = await app.inject({ url: '/v1/topics/definition', headers: { accept: 'application/ld+json' } })
  t.match(jsonLd.headers['content-type'], /^application\/ld\+json/)
  t.equal(jsonLd.json().name, HOSTILE.script)
  const search = await app.inject({ url: '/v1/search', query: { q: 'pwned' } })
  t.equal(search.statusCode, 200)
  for (const item of search.json().items as Array<{ snippet: string }>) t.notMatch(item.snippet, /<(?!\/?mark>)/, 'snippets carry no markup but <mark>')
})

t.test('a javascript: or http: URL never gets into the content', async (t) => {
  for (const url of ['javascript:alert(1)', 'http://example.org/x', 'data:text/html,<script>alert(1)</script>']) {
    const dir = copyContent(t)
    const file = join(dir, 'references', 'fixture.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('url: https://example.org/fixture', `url: ${JSON.stringify(url)}`))
    const result = loadContent(dir)
    t.notOk(result.ok, url)
    if (!result.ok) t.ok(result.problems.some((problem) => problem.path === '$.references[1].url' && /must match pattern/.test(problem.reason)), url)
  }
})
