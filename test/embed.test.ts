import t from 'tap'
import { buildTestApp, BASE_URL } from './helpers.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'
import { contrastRatio, EMBED_CSP, escapeHtml, FONTS, jsonForScript, normalizeAccent, readableAccent, renderErrorPage, renderTopicPage, shownReferences } from '../src/render/html.ts'
import { embedQuery } from '../src/render/embeds.ts'
import { topicJsonLd } from '../src/render/jsonld.ts'
import { OEMBED_HEIGHT, OEMBED_WIDTH } from '../src/routes/embed.ts'
import { ALLOWED_HEADERS } from '../src/plugins/security.ts'

const jsonLdOf = (html: string): unknown => {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)
  if (match?.[1] === undefined) throw new Error('no JSON-LD in the page')
  return JSON.parse(match[1])
}

t.test('escapeHtml escapes the five HTML specials; jsonForScript cannot close its script element', async (t) => {
  t.equal(escapeHtml('<a href="x" title=\'y\'>&</a>'), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
  t.equal(escapeHtml(42), '42')
  const json = jsonForScript({ text: '</script><script>alert(1)</script>\u2028\u2029' })
  t.notMatch(json, /<\/script/i)
  t.same(JSON.parse(json), { text: '</script><script>alert(1)</script>\u2028\u2029' })
})

t.test('GET /embed/topics/symptoms: a self-contained, escaped, cited page with a strict CSP, framable anywhere', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/embed/topics/symptoms' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(res.headers['content-language'], 'en')
  t.equal(res.headers['content-security-policy'], EMBED_CSP)
  t.match(res.headers['content-security-policy'], /frame-ancestors \*/)
  t.match(res.headers['content-security-policy'], /default-src 'none'/)
  t.notOk(res.headers['x-frame-options'], 'no X-Frame-Options: the page is framable from any origin')
  t.equal(res.headers['access-control-allow-origin'], '*')
  t.equal(res.headers.link, `<${BASE_URL}/oembed?url=${encodeURIComponent(`${BASE_URL}/embed/topics/symptoms?lang=en&theme=light`)}&format=json>; rel="alternate"; type="application/json+oembed"`)
  t.ok(res.headers.etag)
  const html = res.body
  t.match(html, /^<!doctype html><html lang="en">/)
  t.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/)
  t.match(html, /<h1>Symptoms<\/h1>/)
  t.match(html, /<h2 id="s-early">Early symptoms<\/h2>/)
  t.match(html, 'Fixture symptom statement with &lt;b&gt;markup&lt;/b&gt; &amp; quotes &quot;x&quot;.', 'content text is escaped')
  t.notMatch(html, '<b>markup</b>')
  t.match(html, '<sup><button type="button" class="cite" popovertarget="ref-pop-1" aria-label="Reference 1">[1]</button></sup>' +
    '<sup><button type="button" class="cite" popovertarget="ref-pop-2" aria-label="Reference 2">[2]</button></sup>', 'citation markers open their reference')
  t.match(html, /<li id="ref-1" value="1" tabindex="-1">Author A, .*<a href="https:\/\/doi.org\/10.1000\/fixture.1" target="_blank" rel="noopener noreferrer">/)
  t.match(html, '<li id="ref-2" value="2" tabindex="-1">Fixture Body. A fixture web page. Fixture Body; 2024. Available from: <a href="https://example.org/fixture" target="_blank" rel="noopener noreferrer">https://example.org/fixture</a></li>', 'a URL the citation ends with is its link, not written twice')
  t.match(html, /<div id="ref-pop-1" class="ref-pop" popover><p><strong>\[1\]<\/strong> Author A, .*<a href="#ref-1">Go to the reference list<\/a><\/p><\/div>/, 'one popover per reference')
  t.match(html, /<p class="summary">Fixture symptoms summary\.<\/p>/, 'a whole topic shows its summary')
  t.notMatch(html, /<details|class="toc"/, 'the full form folds nothing')
  t.match(html, 'Last reviewed: <time datetime="2026-01-02">2026-01-02</time>')
  t.match(html, '<p class="disclaimer" role="note">For information only; not medical advice. It does not replace a consultation with a neurologist or other health professional.</p>')
  t.equal(html.replace(/<script type="application\/ld\+json">.*?<\/script>/s, '').match(/not medical advice/gi)?.length, 1, '"not medical advice" once')
  t.match(html, /rel="license noopener noreferrer">Creative Commons Attribution 4.0 International<\/a>/)
  t.match(html, `<a href="${BASE_URL}/v1/topics/symptoms?lang=en" target="_blank" rel="noopener">Read the full topic`, 'a link back')
  t.match(html, `<link rel="alternate" type="application/json+oembed" href="${BASE_URL}/oembed?url=${encodeURIComponent(`${BASE_URL}/embed/topics/symptoms?lang=en&theme=light`)}&amp;format=json" title="Symptoms">`)
  t.match(html, '<script src="/embed/resize.js" defer></script>')
  t.notMatch(html, /<script>/, 'no inline script')
  t.notMatch(html, /style="/, 'no inline style attributes (the CSP allows inline style elements only)')
  t.match(html, /--bg:#ffffff/)
  const jsonLd = await app.inject({ url: '/v1/topics/symptoms', headers: { accept: 'application/ld+json' } })
  t.same(jsonLdOf(html), jsonLd.json(), 'the page carries the topic\'s JSON-LD')

  const again = await app.inject({ url: '/embed/topics/symptoms', headers: { 'if-none-match': res.headers.etag as string } })
  t.equal(again.statusCode, 304)
})

t.test('embed pages: Turkish by ?lang= or Accept-Language, dark theme, a subset of sections, every topic', async (t) => {
  const app = await buildTestApp(t)
  const tr = await app.inject({ url: '/embed/topics/symptoms?lang=tr&theme=dark' })
  t.equal(tr.statusCode, 200)
  t.equal(tr.headers['content-language'], 'tr')
  t.match(tr.body, /<html lang="tr">/)
  t.match(tr.body, /<h1>Belirtiler<\/h1>/)
  t.match(tr.body, 'Son gözden geçirme: <time')
  t.match(tr.body, /<p class="disclaimer" role="note">Yalnızca bilgilendirme amaçlıdır; tıbbi tavsiye değildir\./)
  t.match(tr.body, /--bg:#121212/)
  t.match(tr.body, /color-scheme:dark/)
  t.match(jsonLdOf(tr.body), { inLanguage: 'tr', name: 'Belirtiler' })

  const byHeader = await app.inject({ url: '/embed/topics/symptoms', headers: { 'accept-language': 'tr-TR,tr;q=0.9' } })
  t.equal(byHeader.headers['content-language'], 'tr')
  t.equal(byHeader.headers.vary, 'Accept-Language, Accept-Encoding')

  const subset = await app.inject({ url: '/embed/topics/definition?sections=overview&theme=dark' })
  t.equal(subset.statusCode, 200)
  t.match(subset.body, /<h2 id="s-overview">Overview<\/h2>/)
  t.match(subset.body, /--bg:#121212/)
  t.equal(subset.headers['content-security-policy'], EMBED_CSP)

  for (const id of TOPIC_IDS) {
    for (const lang of ['en', 'tr']) {
      const res = await app.inject({ url: `/embed/topics/${id}?lang=${lang}` })
      t.equal(res.statusCode, 200, `${id} ${lang}`)
      t.match(jsonLdOf(res.body), { '@type': 'MedicalWebPage', inLanguage: lang }, `${id} ${lang} JSON-LD`)
    }
  }
  const references = await app.inject({ url: '/embed/topics/references' })
  t.match(references.body, /<h2 id="refs">References<\/h2><ol class="refs"><li id="ref-1"/)
})

t.test('embed page errors: unknown topic 404, bad theme, lang or sections 400', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject({ url: '/embed/topics/nope' })
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { type: '/problems/not-found', allowed: TOPIC_IDS })
  for (const [query, name] of [['theme=blue', 'theme'], ['lang=de', 'lang'], ['sections=Bad!', 'sections']]) {
    const res = await app.inject({ url: `/embed/topics/symptoms?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.json(), { type: '/problems/invalid-parameter', invalidParams: [{ name, in: 'query' }] })
  }
  const unknown = await app.inject({ url: '/embed/topics/symptoms?sections=early,nope' })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json(), { detail: /unknown section nope in topic "symptoms"/, allowed: ['early'] })
  const two = await app.inject({ url: '/embed/topics/symptoms?sections=nope,zilch' })
  t.match(two.json(), { detail: /unknown sections nope, zilch/ })
})

t.test('renderTopicPage: a topic without references, and references without links', async (t) => {
  const app = await buildTestApp(t)
  const topic = app.content.topic('definition', 'en')
  const options = { theme: 'light' as const, pageUrl: 'p', oembedUrl: 'o', sourceUrl: 's', resizeScriptUrl: '/r.js', jsonLd: {} }
  t.notMatch(renderTopicPage({ ...topic, references: [] }, options), /References/)
  const bare = renderTopicPage({ ...topic, references: topic.references.map((reference) => ({ ...reference, links: {} })) }, options)
  t.match(bare, /<li id="ref-1" value="1" tabindex="-1">[^<]*<\/li>/, 'no link when a reference has none')
})

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
const styleOf = (html: string): string => /<style>(.*?)<\/style>/s.exec(html)?.[1] ?? ''

t.test('a section embed lists only the references its statements cite, numbered from 1, and no summary unless asked', async (t) => {
  const app = await buildTestApp(t)
  const whole = await app.inject({ url: '/embed/topics/definition' })
  t.match(whole.body, '<p class="summary">')
  t.notMatch(whole.body, 'id="ref-2"', 'a reference only the structured data cites is not in the list of a page that shows no data')

  const res = await app.inject({ url: '/embed/topics/definition?sections=overview' })
  t.equal(res.statusCode, 200)
  t.notMatch(res.body, '<p class="summary">', 'no topic summary by default')
  t.match(res.body, '<li id="ref-1" value="1" tabindex="-1">Author A')
  t.notMatch(res.body, /id="ref-2"|ref-pop-2/, 'only what the section cites')
  t.equal(res.headers.link, `<${BASE_URL}/oembed?url=${encodeURIComponent(`${BASE_URL}/embed/topics/definition?lang=en&theme=light&sections=overview`)}&format=json>; rel="alternate"; type="application/json+oembed"`)

  const withSummary = await app.inject({ url: '/embed/topics/definition?sections=overview&summary=true' })
  t.match(withSummary.body, '<p class="summary">Fixture definition summary.</p>', 'the summary when asked')
  t.match(withSummary.headers.link, encodeURIComponent('sections=overview&summary=true'))
  const withoutSummary = await app.inject({ url: '/embed/topics/definition?summary=false' })
  t.notMatch(withoutSummary.body, '<p class="summary">', 'and a whole topic can leave it out')
  t.match(withoutSummary.headers.link, encodeURIComponent('theme=light&summary=false'))

  // Numbering follows the page, not the topic: a section citing the topic's second reference calls it [1].
  const topic = app.content.topic('symptoms', 'en')
  const [first] = topic.sections
  if (first === undefined) throw new Error('fixture has a section')
  const second = { ...first, id: 'later', heading: 'Later', statements: [{ id: 'later-one', text: 'Cites the body.', citations: ['ref-body'] }] }
  const page = renderTopicPage({ ...topic, sections: [second] }, { pageUrl: 'p', oembedUrl: 'o', sourceUrl: 's', resizeScriptUrl: '/r.js', jsonLd: {} })
  t.match(page, 'Cites the body.<sup><button type="button" class="cite" popovertarget="ref-pop-1" aria-label="Reference 1">[1]</button></sup>')
  t.match(page, '<li id="ref-1" value="1" tabindex="-1">Fixture Body.')
  t.notMatch(page, 'Author A')
  t.same(shownReferences({ ...topic, sections: [first, second] }).map((reference) => [reference.id, reference.number]), [['ref-article', 1], ['ref-body', 2]])
  const bibliography = app.content.topic('references', 'en')
  t.equal(shownReferences(bibliography), bibliography.references, 'the references topic lists every reference')
})

t.test('the short form: summary, a table of contents, each section folded in a <details>', async (t) => {
  const app = await buildTestApp(t)
  const res = await app.inject({ url: '/embed/topics/symptoms?form=short&lang=tr' })
  t.equal(res.statusCode, 200)
  t.match(res.body, '<p class="summary">Test belirtiler özeti.</p>')
  t.match(res.body, '<nav class="toc" aria-labelledby="toc"><h2 id="toc">İçindekiler</h2><ol><li><a href="#s-early">Erken belirtiler</a></li><li><a href="#refs">Kaynaklar</a></li></ol></nav>')
  t.match(res.body, '<details><summary><h2 id="s-early">Erken belirtiler</h2></summary><div><p>Test belirti ifadesi.<sup><button')
  t.match(res.body, '<details><summary><h2 id="refs">Kaynaklar</h2></summary><div><ol class="refs"><li id="ref-1"')
  t.match(res.body, '<a href="#ref-1">Kaynak listesinde göster</a>')
  t.notMatch(res.body, '<section', 'no open sections')
  t.match(res.headers.link, encodeURIComponent('lang=tr&theme=light&form=short'))
  const again = await app.inject({ url: '/embed/topics/symptoms?form=short&lang=tr' })
  t.equal(again.headers.etag, res.headers.etag, 'prepared once')
  const full = await app.inject({ url: '/embed/topics/symptoms?form=full' })
  t.equal(full.headers.etag, (await app.inject({ url: '/embed/topics/symptoms' })).headers.etag, 'form=full is the default page')
  const sections = await app.inject({ url: '/embed/topics/definition?form=short&sections=overview' })
  t.match(sections.body, '<li><a href="#s-overview">Overview</a></li><li><a href="#refs">References</a></li>')
  t.notMatch(sections.body, '<p class="summary">', 'a short section embed leaves out the summary too, unless asked')
  const topic = app.content.topic('symptoms', 'en')
  const bare = renderTopicPage({ ...topic, references: [] }, { form: 'short', pageUrl: 'p', oembedUrl: 'o', sourceUrl: 's', resizeScriptUrl: '/r.js', jsonLd: {} })
  t.notMatch(bare, 'href="#refs"', 'no contents entry for a list that is not there')
})

t.test('theme=auto follows prefers-color-scheme; accent and font from the host, validated', async (t) => {
  const app = await buildTestApp(t)
  const auto = await app.inject({ url: '/embed/topics/symptoms?theme=auto' })
  t.equal(auto.statusCode, 200)
  t.match(styleOf(auto.body), /^:root\{--bg:#ffffff;.*color-scheme:light dark\}@media \(prefers-color-scheme:dark\)\{:root\{--bg:#121212;/)
  t.match(auto.headers.link, encodeURIComponent('theme=auto'))

  const styled = await app.inject({ url: '/embed/topics/symptoms?accent=7A1F5C&font=georgia' })
  t.equal(styled.statusCode, 200)
  t.match(styleOf(styled.body), '--link:#7a1f5c;--accent:#7a1f5c;')
  t.match(styleOf(styled.body), ':root{--font:Georgia,"DejaVu Serif",serif}')
  t.match(styled.headers.link, encodeURIComponent('accent=7a1f5c&font=georgia'))
  t.equal(styled.headers['content-security-policy'], EMBED_CSP)

  const yellow = await app.inject({ url: '/embed/topics/symptoms?accent=%23ff0&theme=auto' })
  const links = [...styleOf(yellow.body).matchAll(/--link:(#[0-9a-f]{6});--accent:#ffff00/g)].map((match) => match[1] as string)
  t.equal(links.length, 2, 'a link colour per scheme')
  t.ok(contrastRatio(links[0] as string, '#ffffff') >= 4.5, `on white, yellow is darkened to ${links[0]}`)
  t.equal(links[1], '#ffff00', 'on the dark background it is readable as it is')

  for (const query of ['accent=red', 'accent=%2312345', 'accent=%23ff0%3B}', 'font=comic-sans', 'font=Georgia', 'form=long', 'summary=maybe', 'theme=sepia']) {
    const res = await app.inject({ url: `/embed/topics/symptoms?${query}` })
    t.equal(res.statusCode, 400, query)
    t.match(res.json(), { type: '/problems/invalid-parameter', invalidParams: [{ name: query.split('=')[0], in: 'query' }] }, query)
  }
})

t.test('readableAccent and contrastRatio: any accent stays readable as text (WCAG AA)', async (t) => {
  t.equal(contrastRatio('#000000', '#ffffff'), 21)
  t.equal(contrastRatio('#ffffff', '#ffffff'), 1)
  t.equal(normalizeAccent('ABC'), '#aabbcc')
  t.equal(normalizeAccent('#0B57A4'), '#0b57a4')
  for (const accent of ['#ffffff', '#ffff00', '#777777', '#00ff00', '#0b57a4', '#000000', '#121212']) {
    for (const background of ['#ffffff', '#121212']) {
      const readable = readableAccent(accent, background)
      t.ok(contrastRatio(readable, background) >= 4.5, `${accent} on ${background} → ${readable}`)
    }
  }
  t.equal(readableAccent('#0b57a4', '#ffffff'), '#0b57a4', 'an accent that is readable already is kept')
})

t.test('a browser gets embed errors as a small localised page it can frame; programs get problem+json', async (t) => {
  const app = await buildTestApp(t)
  const missing = await app.inject({ url: '/embed/topics/semptomlar?lang=tr', headers: { accept: BROWSER } })
  t.equal(missing.statusCode, 404)
  t.equal(missing.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(missing.headers['content-language'], 'tr')
  t.equal(missing.headers['content-security-policy'], EMBED_CSP)
  t.notOk(missing.headers['x-frame-options'], 'framable')
  t.equal(missing.headers['cache-control'], 'no-store')
  t.match(missing.body, /^<!doctype html><html lang="tr">/)
  t.match(missing.body, '<h1>Bu ALS içeriği gösterilemiyor</h1><p>Yerleştirme kodu var olmayan bir konuyu belirtiyor.</p>')
  t.match(missing.body, '<p class="meta">Geçerli değerler: <code>definition</code>, <code>symptoms</code>')
  t.match(missing.body, 'Sitenin editörleri için: There is no topic &quot;semptomlar&quot;.')
  t.match(missing.body, '<script src="/embed/resize.js" defer></script>', 'the frame resizes to the message')
  t.notMatch(missing.body, /"type":/, 'no JSON')

  const byHeader = await app.inject({ url: '/embed/topics/nope', headers: { accept: BROWSER, 'accept-language': 'tr-TR,tr;q=0.9' } })
  t.match(byHeader.body, '<html lang="tr">')
  const regional = await app.inject({ url: '/embed/topics/nope?lang=TR-tr&theme=dark', headers: { accept: BROWSER } })
  t.match(regional.body, '<html lang="tr">', 'a lang the page would refuse still picks the message\'s language')
  t.match(styleOf(regional.body), '--bg:#121212', 'in the embed\'s theme')

  const badTheme = await app.inject({ url: '/embed/topics/symptoms?theme=blue', headers: { accept: BROWSER } })
  t.equal(badTheme.statusCode, 400)
  t.match(badTheme.body, '<p>The embed has a setting the ALS Reference API does not accept: theme.</p>')
  t.match(badTheme.body, 'Accepted values: <code>light</code>, <code>dark</code>, <code>auto</code>')
  t.match(styleOf(badTheme.body), '--bg:#ffffff', 'an invalid theme falls back to light')

  const address = await app.inject({ url: '/embed/topic/symptoms', headers: { accept: BROWSER } })
  t.equal(address.statusCode, 404)
  t.match(address.body, '<p>There is no ALS Reference API embed at this address.</p>')
  const method = await app.inject({ method: 'DELETE', url: '/embed/topics/symptoms', headers: { accept: BROWSER } })
  t.equal(method.statusCode, 405)
  t.match(method.body, 'The ALS Reference API could not answer (error 405).')
  t.equal(method.headers.allow, 'GET, HEAD')

  for (const [url, accept] of [['/embed/topics/nope', undefined], ['/embed/topics/nope', 'application/json'], ['/embed/topics/nope', '*/*'], ['/embed.nope', BROWSER], ['/v1/topics/nope', BROWSER]] as const) {
    const res = await app.inject({ url, headers: accept === undefined ? {} : { accept } })
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${url} ${accept ?? '(no Accept)'}: problem+json`)
  }

  const busy = renderErrorPage({ status: 429, type: '/problems/too-many-requests' }, 'en', 'auto', '/r.js')
  t.match(busy, '<p>The service is busy. Please try again in a moment.</p>')
  t.notMatch(busy, 'class="meta"', 'no detail, no values: nothing more to say')
  t.match(renderErrorPage({ status: 503, type: '/problems/service-unavailable' }, 'tr', 'light', '/r.js'), 'Hizmet şu anda yoğun.')
  t.match(renderErrorPage({ status: 400, type: '/problems/invalid-parameter' }, 'en', 'light', '/r.js'), 'does not accept: .', 'a 400 without invalidParams')
})

t.test('embedQuery: one URL per embed, defaults left out', async (t) => {
  t.equal(embedQuery('en', 'light'), 'lang=en&theme=light')
  t.equal(embedQuery('tr', 'auto', { sections: ['a', 'b'], form: 'short', summary: false, accent: '#7a1f5c', font: 'serif' }), 'lang=tr&theme=auto&sections=a,b&form=short&accent=7a1f5c&font=serif')
  t.equal(embedQuery('en', 'dark', { sections: ['a'], summary: true, form: 'full' }), 'lang=en&theme=dark&sections=a&summary=true')
  t.equal(embedQuery('en', 'dark', { summary: true }), 'lang=en&theme=dark')
})

t.test('/embed.js and /embed/resize.js: small scripts, no globals, no cookies', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['/embed.js', '/embed/resize.js']) {
    const res = await app.inject({ url })
    t.equal(res.statusCode, 200, url)
    t.equal(res.headers['content-type'], 'text/javascript; charset=utf-8')
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.equal(res.headers['access-control-allow-origin'], '*')
    t.ok(res.headers.etag)
    t.match(res.body, /^\(function \(\) \{\n {2}'use strict';/, 'one strict IIFE: no globals')
    t.notMatch(res.body, /cookie|localStorage|eval\(/i)
    t.ok(res.body.length < (url === '/embed.js' ? 4500 : 8000), 'small')
    const cached = await app.inject({ url, headers: { 'if-none-match': res.headers.etag as string } })
    t.equal(cached.statusCode, 304)
  }
  const embed = await app.inject({ url: '/embed.js' })
  t.match(embed.body, /event\.origin !== origin/, 'messages are origin-checked')
  t.match(embed.body, /contentWindow === event\.source/, 'and matched to their own iframe')
  t.match(embed.body, /data-als-topic/)
  t.match(embed.body, `var FONTS = ${JSON.stringify(FONTS)};`, 'the same fonts as the page accepts')
  t.match(embed.body, /'als-embed:scroll'/, 'scrolls the host page to what the reader follows')
  t.match(embed.body, /data-als-/)
  const page = await app.inject({ url: '/embed/resize.js' })
  t.match(page.body, /'als-embed:resize'/)
  t.match(page.body, /'als-embed:scroll'/)
  t.match(page.body, /showPopover/)
})

t.test('GET /oembed: a rich oEmbed 1.0 response for topic and embed URLs, within maxwidth/maxheight', async (t) => {
  const app = await buildTestApp(t)
  const oembed = async (url: string, extra = '') => app.inject({ url: `/oembed?url=${encodeURIComponent(url)}${extra}` })
  const res = await oembed(`${BASE_URL}/embed/topics/symptoms?lang=tr&theme=dark`, '&format=json')
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(res.headers['access-control-allow-origin'], '*')
  const body = res.json()
  t.match(body, {
    version: '1.0',
    type: 'rich',
    title: 'Belirtiler',
    provider_name: 'ALS Reference API',
    provider_url: BASE_URL,
    width: OEMBED_WIDTH,
    height: OEMBED_HEIGHT,
    license_url: 'https://creativecommons.org/licenses/by/4.0/'
  })
  t.equal(body.html, `<iframe src="${BASE_URL}/embed/topics/symptoms?lang=tr&amp;theme=dark" width="${OEMBED_WIDTH}" height="${OEMBED_HEIGHT}" title="Belirtiler" style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`)

  const small = (await oembed(`${BASE_URL}/v1/topics/treatments`, '&maxwidth=320&maxheight=480')).json()
  t.match(small, { title: 'Treatments', width: 320, height: 480 })
  t.match(small.html, `src="${BASE_URL}/embed/topics/treatments?lang=en&amp;theme=light" width="320" height="480"`)
  const large = (await oembed(`${BASE_URL}/v1/topics/treatments/`, '&maxwidth=5000&maxheight=5000')).json()
  t.match(large, { width: OEMBED_WIDTH, height: OEMBED_HEIGHT }, 'never larger than the default size')
})

t.test('GET /oembed passes an embed URL\'s choices through to its iframe; refuses those the page would refuse', async (t) => {
  const app = await buildTestApp(t)
  const oembed = async (url: string) => app.inject({ url: `/oembed?url=${encodeURIComponent(url)}` })
  const res = await oembed(`${BASE_URL}/embed/topics/definition?sections=overview,overview&form=short&summary=true&accent=%237A1F5C&font=georgia&theme=auto&lang=tr`)
  t.equal(res.statusCode, 200)
  t.match(res.json().html, `src="${BASE_URL}/embed/topics/definition?lang=tr&amp;theme=auto&amp;sections=overview&amp;form=short&amp;summary=true&amp;accent=7a1f5c&amp;font=georgia"`)
  const page = await app.inject({ url: '/embed/topics/definition?lang=tr&theme=auto&sections=overview&form=short&summary=true&accent=7a1f5c&font=georgia' })
  t.equal(page.statusCode, 200, 'the iframe URL is one the embed page accepts')
  t.equal(page.headers.link, `<${BASE_URL}/oembed?url=${encodeURIComponent(`${BASE_URL}/embed/topics/definition?lang=tr&theme=auto&sections=overview&form=short&summary=true&accent=7a1f5c&font=georgia`)}&format=json>; rel="alternate"; type="application/json+oembed"`, 'and names the same URL for discovery')
  const plain = await oembed(`${BASE_URL}/embed/topics/definition?summary=false`)
  t.match(plain.json().html, `src="${BASE_URL}/embed/topics/definition?lang=en&amp;theme=light&amp;summary=false"`)

  for (const [query, names] of [['form=long', 'form'], ['sections=nope', 'sections'], ['sections=Bad!', 'sections'], ['lang=de&theme=sepia', 'lang, theme'], ['summary=yes&accent=red&font=papyrus', 'summary, accent, font']]) {
    const bad = await oembed(`${BASE_URL}/embed/topics/definition?${query}`)
    t.equal(bad.statusCode, 400, query)
    t.match(bad.json(), { type: '/problems/invalid-parameter', invalidParams: [{ name: 'url', in: 'query', reason: `the embed URL has invalid ${names} (see GET /embed/topics/{topic} for the accepted values)` }] }, query)
  }
})

t.test('GET /oembed errors: 404 for URLs it does not know, 501 for other formats, 400 for bad parameters', async (t) => {
  const app = await buildTestApp(t)
  for (const url of ['https://example.org/embed/topics/symptoms', `${BASE_URL}/embed/topics/nope`, `${BASE_URL}/v1/meta`, 'not a url', `${BASE_URL}/embed/topics/Symptoms`]) {
    const res = await app.inject({ url: `/oembed?url=${encodeURIComponent(url)}` })
    t.equal(res.statusCode, 404, url)
    t.match(res.json(), { type: '/problems/not-found', allowed: [`${BASE_URL}/embed/topics/definition`] })
  }
  for (const format of ['xml', 'JSON', 'html']) {
    const res = await app.inject({ url: `/oembed?url=${encodeURIComponent(`${BASE_URL}/embed/topics/symptoms`)}&format=${format}` })
    t.equal(res.statusCode, 501, format)
    t.match(res.json(), { type: '/problems/not-implemented', status: 501, allowed: ['json'] })
  }
  const problemType = await app.inject({ url: '/problems/not-implemented' })
  t.equal(problemType.statusCode, 200)
  for (const query of ['', '?maxwidth=100', `?url=${encodeURIComponent(`${BASE_URL}/embed/topics/symptoms`)}&maxwidth=0`, '?url=x&maxheight=abc']) {
    const res = await app.inject({ url: `/oembed${query}` })
    t.equal(res.statusCode, 400, query)
    t.equal(res.json().type, '/problems/invalid-parameter')
  }
})

t.test('content negotiation on /v1/topics/{topic}: JSON, JSON-LD, HTML, else 406', async (t) => {
  const app = await buildTestApp(t)
  const cases: Array<[string, RegExp]> = [
    ['', /^application\/json; charset=utf-8$/],
    ['*/*', /^application\/json; charset=utf-8$/],
    ['application/json', /^application\/json; charset=utf-8$/],
    ['application/ld+json', /^application\/ld\+json; charset=utf-8$/],
    ['application/ld+json, application/json;q=0.5', /^application\/ld\+json; charset=utf-8$/],
    ['text/html', /^text\/html; charset=utf-8$/],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', /^text\/html; charset=utf-8$/]
  ]
  for (const [accept, type] of cases) {
    const res = await app.inject({ url: '/v1/topics/treatments', headers: { accept } })
    t.equal(res.statusCode, 200, accept)
    t.match(res.headers['content-type'], type, accept)
    t.equal(res.headers.vary, 'Accept, Accept-Language, Accept-Encoding')
  }
  const html = await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { accept: 'text/html' } })
  t.match(html.body, /<h1>Tedaviler<\/h1>/)
  t.equal(html.headers['content-security-policy'], EMBED_CSP)
  t.match(html.headers.link, /rel="alternate"; type="application\/json\+oembed"/)
  const htmlSubset = await app.inject({ url: '/v1/topics/definition?sections=overview', headers: { accept: 'text/html' } })
  t.match(htmlSubset.body, /<h2 id="s-overview">Overview<\/h2>/)
  const jsonSubset = await app.inject({ url: '/v1/topics/definition?sections=overview', headers: { accept: 'application/json' } })
  t.equal(jsonSubset.json().sections.length, 1)

  const jsonLd = await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { accept: 'application/ld+json' } })
  t.equal(jsonLd.headers['content-language'], 'tr')
  const cached = await app.inject({ url: '/v1/topics/treatments?lang=tr', headers: { accept: 'application/ld+json', 'if-none-match': jsonLd.headers.etag as string } })
  t.equal(cached.statusCode, 304)

  for (const accept of ['text/plain', 'application/xml', 'application/ld+json;q=0, text/html;q=0, application/json;q=0']) {
    const res = await app.inject({ url: '/v1/topics/treatments', headers: { accept } })
    t.equal(res.statusCode, 406, accept)
    t.same(res.json().allowed, ['application/json', 'application/ld+json', 'text/html'])
  }
})

t.test('JSON-LD: a MedicalWebPage about ALS as a MedicalCondition, with what each topic covers', async (t) => {
  const app = await buildTestApp(t)
  const get = async (id: string, lang = 'en') => (await app.inject({ url: `/v1/topics/${id}?lang=${lang}`, headers: { accept: 'application/ld+json' } })).json()
  const condition = {
    '@type': 'MedicalCondition',
    name: 'Fixture name',
    alternateName: ['FX'],
    code: [{ '@type': 'MedicalCode', codeValue: 'G12.2', codingSystem: 'ICD-10', name: 'Motor neuron disease' }, { '@type': 'MedicalCode', codeValue: 'D000690', codingSystem: 'MeSH' }]
  }
  const definition = await get('definition')
  t.match(definition, {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    url: `${BASE_URL}/v1/topics/definition?lang=en`,
    name: 'Definition',
    inLanguage: 'en',
    lastReviewed: '2026-01-01',
    about: condition,
    license: 'https://creativecommons.org/licenses/by/4.0/',
    publisher: { '@type': 'Organization', name: 'ALS Reference API contributors' },
    version: '2000.01.01'
  })
  t.match(definition.citation, [{ '@type': 'ScholarlyArticle' }, { '@type': 'CreativeWork', name: 'A fixture web page', url: 'https://example.org/fixture', datePublished: '2024' }])
  t.match((await get('symptoms')).about.signOrSymptom, [{ '@type': 'MedicalSignOrSymptom', name: 'Fasciculations', code: { '@type': 'MedicalCode', codeValue: 'HP:0002380', codingSystem: 'HPO' } }, { name: 'Difficulty swallowing' }])
  const epidemiology = (await get('epidemiology')).about
  t.equal(epidemiology.epidemiology, 'Incidence: 2 (1–3) per 100,000 person-years (Fixture population, 2000-2010)')
  t.same(epidemiology.riskFactor, [])
  t.match((await get('treatments')).about.possibleTreatment, [{
    '@type': 'Drug',
    name: 'Riluzole',
    mechanismOfAction: 'Fixture mechanism.',
    legalStatus: [{ '@type': 'DrugLegalStatus', name: 'FDA: approved (1995)', applicableLocation: { '@type': 'AdministrativeArea', name: 'United States' } }]
  }])
  const diagnosis = (await get('diagnosis', 'tr')).about
  t.match(diagnosis.typicalTest, [{ '@type': 'MedicalTest', name: 'Elektromiyografi' }])
  t.match(diagnosis.differentialDiagnosis, [{ '@type': 'DDxElement', diagnosis: { '@type': 'MedicalCondition', name: 'Multifokal motor nöropati' }, distinguishingSign: { '@type': 'MedicalSignOrSymptom', name: 'İleti bloğu.' } }])
  t.match((await get('symptoms')).citation[0], { '@type': 'ScholarlyArticle', sameAs: ['https://doi.org/10.1000/fixture.1', 'https://pubmed.ncbi.nlm.nih.gov/1000001/'] })
})

t.test('topicJsonLd: therapies that are not drugs, statistics without a range, codes with a URL', async (t) => {
  const app = await buildTestApp(t)
  const definition = app.content.topic('definition', 'en')
  const withUrl = { ...definition, data: { ...(definition.data as object), codes: [{ system: 'orphanet', code: '803', display: 'ALS', url: 'https://www.orpha.net/en/disease/detail/803', citations: ['ref-body'] }] } } as typeof definition
  t.match(topicJsonLd(definition, withUrl, { url: 'u' }).about, { code: [{ '@type': 'MedicalCode', codingSystem: 'Orphanet', url: 'https://www.orpha.net/en/disease/detail/803' }] })

  const treatments = app.content.topic('treatments', 'en')
  const supportive = { id: 'niv', name: 'Non-invasive ventilation', kind: 'supportive', status: 'standard-of-care', evidence: 'established', approvals: [], effect: 'e', description: 'd', citations: ['ref-article'] }
  const drugWithoutMechanism = { ...supportive, id: 'x', name: 'X', kind: 'drug', status: 'investigational' }
  const jsonLd = topicJsonLd({ ...treatments, data: { treatments: [supportive, drugWithoutMechanism] } } as typeof treatments, definition, { url: 'u' })
  t.same((jsonLd.about as { possibleTreatment: unknown[] }).possibleTreatment, [
    { '@type': 'MedicalTherapy', name: 'Non-invasive ventilation', description: 'd', status: 'standard-of-care' },
    { '@type': 'Drug', name: 'X', description: 'd', legalStatus: [] }
  ])

  const epidemiology = app.content.topic('epidemiology', 'en')
  const data = epidemiology.data as { statistics: Array<Record<string, unknown>> }
  const pointOnly = { ...epidemiology, data: { ...data, statistics: [{ ...data.statistics[0], low: undefined, high: undefined }] } } as typeof epidemiology
  t.match(topicJsonLd(pointOnly, definition, { url: 'u' }).about, { epidemiology: 'Incidence: 2 per 100,000 person-years (Fixture population, 2000-2010)' })
})

t.test('CORS: open for GET, preflights answered, other methods not allowed', async (t) => {
  const app = await buildTestApp(t)
  const get = await app.inject({ url: '/v1/topics', headers: { origin: 'https://example.org' } })
  t.equal(get.headers['access-control-allow-origin'], '*')
  t.match(get.headers['access-control-expose-headers'], /ETag/)
  t.notOk(get.headers['access-control-allow-credentials'])
  const problem = await app.inject({ url: '/v1/topics/nope', headers: { origin: 'https://example.org' } })
  t.equal(problem.headers['access-control-allow-origin'], '*', 'errors are readable cross-origin too')

  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/topics/symptoms',
    headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' }
  })
  t.equal(preflight.statusCode, 204)
  t.equal(preflight.headers['access-control-allow-origin'], '*')
  t.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD, OPTIONS')
  for (const header of ALLOWED_HEADERS) t.match(preflight.headers['access-control-allow-headers'], header, `preflight allows ${header}`)
  t.equal(preflight.headers['access-control-max-age'], '86400')

  const post = await app.inject({ method: 'POST', url: '/v1/topics', headers: { origin: 'https://example.org' } })
  t.equal(post.statusCode, 405, 'reading only: other methods are not allowed')
  t.equal(post.headers.allow, 'GET, HEAD')
})
