/// <reference lib="dom" />
/**
 * In a real browser (Debian's chromium, driven by playwright-core): embed.js on a host page of another origin, the
 * embed pages themselves (axe-core, phone and desktop screenshots), and Swagger UI. Skipped, with a message, only
 * when /usr/bin/chromium is missing.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { ConsoleMessage, Frame, Page } from 'playwright-core'
import { launchBrowser, screenshotDir, SKIP, startApi, startHost } from './browser.ts'
import { REAL_CONTENT } from '../helpers.ts'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** Console errors and CSP violations of a page and all its frames. */
function watch (page: Page): { errors: string[] } {
  const errors: string[] = []
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return { errors }
}

/**
 * The embed's content and viewport sizes, once its viewport fits its content or after 10 s. The embed is on another
 * origin, so Chromium lays it out in a process of its own and a height the host page sets reaches the frame's window
 * a moment later; reading at once races that. A frame that never fits is still measured, and fails the checks.
 */
async function measured (frame: Frame): Promise<{ scroll: number, viewport: number, width: number, viewportWidth: number }> {
  await frame.waitForFunction(() => window.innerHeight >= document.documentElement.scrollHeight, undefined, { timeout: 10_000 }).catch(() => {})
  return await frame.evaluate(() => ({ scroll: document.documentElement.scrollHeight, viewport: window.innerHeight, width: document.documentElement.scrollWidth, viewportWidth: window.innerWidth }))
}

interface Violation { id: string, impact: string, nodes: number, targets: string[] }

/** axe-core's serious and critical violations in a page or frame (which may be on another origin). */
async function axeViolations (target: Page | Frame): Promise<Violation[]> {
  await target.evaluate(AXE_SOURCE)
  const violations = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string, impact: string, nodes: Array<{ target: string[] }> }> }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length, targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }))
  })
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
}

/** A host page (another origin) with these embed elements and embed.js. */
function hostPage (origin: string, body: string): string {
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<style>body{margin:0;padding:16px;font:16px/1.5 sans-serif}.filler{height:120px;background:#f3f3f3;margin:0 0 16px}</style></head><body>' +
    `<h1>A patient organisation</h1><p class="filler">Host content above the embed.</p>${body}<p class="filler">Host content below.</p>` +
    `<script src="${origin}/embed.js" async></script></body></html>`
}

/** The frame of the embed whose URL contains `part`, once embed.js has sized it to its content. */
async function embedFrame (page: Page, part: string): Promise<Frame> {
  let frame: Frame | undefined
  for (let i = 0; i < 200 && frame === undefined; i++) {
    frame = page.frames().find((candidate) => candidate.url().includes(part))
    if (frame === undefined) await page.waitForTimeout(50)
  }
  if (frame === undefined) throw new Error(`no frame ${part}`)
  await frame.waitForLoadState()
  await frame.locator('h1').waitFor()
  await measured(frame)
  return frame
}

/** Where an element of a frame is in the host page's viewport. */
async function topInHost (frame: Frame, selector: string): Promise<number> {
  const frameTop = await (await frame.frameElement()).evaluate((iframe) => (iframe as HTMLIFrameElement).getBoundingClientRect().top)
  const inner = await frame.locator(selector).evaluate((element) => element.getBoundingClientRect().top)
  return frameTop + inner
}

/** The references a page of these sections must list: those its statements cite, in order of first citation. */
function citedBy (sections: Array<{ statements: Array<{ citations: string[] }> }>): string[] {
  return [...new Set(sections.flatMap((section) => section.statements.flatMap((statement) => statement.citations)))]
}

/**
 * A screenshot of the whole host page. Chromium paints a cross-origin frame only where the viewport shows it, so a
 * full-page screenshot would leave the embed blank below the fold: the viewport is made as tall as the page instead.
 */
async function wholePage (page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 }
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.min(height, 16000) })
  await page.waitForTimeout(300)
  await page.screenshot({ path })
  await page.setViewportSize(viewport)
}

const popoverOpen = (frame: Frame, selector: string): Promise<boolean> => frame.locator(selector).evaluate((element) => element.matches(':popover-open'))

t.test('in chromium', { skip: SKIP }, async (t) => {
  // The real content: what readers see, at its real length.
  const { app, origin } = await startApi(t, REAL_CONTENT)
  const context = await launchBrowser(t)
  // Every frame records CSP violations where the test can read them.
  await context.addInitScript(() => {
    const violations: string[] = []
    Object.defineProperty(window, '__cspViolations', { value: violations })
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`))
  })

  await t.test('a host page on another origin embeds two topics with embed.js; they render and fit their content', async (t) => {
    const host = await startHost(t, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>' +
      '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>' +
      '<script>document.documentElement.dataset.globals = JSON.stringify(Object.keys(window))</script>' +
      '<h1>A clinic page</h1>' +
      '<div data-als-topic="symptoms" data-lang="tr"><a href="#">ALS symptoms</a></div>' +
      '<p>Between the embeds.</p>' +
      `<div data-als-topic="definition" data-theme="dark" data-title="ALS definition"></div><script src="${origin}/embed.js" async></script>` +
      '</body></html>')
    const page = await context.newPage()
    t.teardown(() => page.close())
    const watched = watch(page)
    await page.goto(`${host}/`)
    const frames = page.locator('iframe')
    await t.resolves(frames.nth(1).waitFor(), 'two iframes')
    t.equal(await frames.count(), 2)
    t.equal(await frames.nth(0).getAttribute('src'), `${origin}/embed/topics/symptoms?lang=tr`)
    t.equal(await frames.nth(1).getAttribute('src'), `${origin}/embed/topics/definition?theme=dark`)
    t.equal(await frames.nth(0).getAttribute('title'), 'ALS: symptoms')
    t.equal(await frames.nth(1).getAttribute('title'), 'ALS definition')

    const symptoms = page.frameLocator('iframe >> nth=0')
    const definition = page.frameLocator('iframe >> nth=1')
    t.equal(await symptoms.locator('h1').textContent(), app.content.topic('symptoms', 'tr').title)
    t.equal(await definition.locator('h1').textContent(), app.content.topic('definition', 'en').title)
    t.equal(await symptoms.locator('#ref-1').count(), 1, 'reference list')
    t.ok(await symptoms.locator('button.cite[popovertarget="ref-pop-1"]').count() >= 1, 'numbered citation')
    t.equal(await symptoms.locator('ol li[id^="ref-"]').count(), citedBy(app.content.topic('symptoms', 'tr').sections).length, 'every reference the text cites is listed')

    // Each iframe grows (or shrinks) to its content: no inner scrollbar.
    for (const index of [0, 1]) {
      const frame = page.frames().find((candidate) => candidate.url().includes(index === 0 ? '/embed/topics/symptoms' : '/embed/topics/definition'))
      if (frame === undefined) throw new Error('frame not found')
      await page.waitForFunction(async (i) => {
        const iframe = document.querySelectorAll('iframe')[i] as HTMLIFrameElement
        return iframe.style.height !== '320px'
      }, index)
      const inner = await measured(frame)
      t.ok(inner.scroll <= inner.viewport, `iframe ${index}: content ${inner.scroll}px fits the ${inner.viewport}px frame`)
      t.ok(inner.viewport - inner.scroll <= 2, `iframe ${index}: and the frame is not taller than its content`)
      t.ok(inner.width <= inner.viewportWidth, `iframe ${index}: no horizontal scrollbar`)
      t.same(await frame.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), [], `iframe ${index}: no CSP violations`)
    }

    // On a 320 px phone the text wraps more: the iframes grow with it and still fit.
    const wide = await frames.nth(0).evaluate((iframe) => (iframe as HTMLIFrameElement).getBoundingClientRect().height)
    await page.setViewportSize({ width: 320, height: 640 })
    await page.waitForFunction((before) => (document.querySelector('iframe') as HTMLIFrameElement).getBoundingClientRect().height > before, wide)
    const symptomsFrame = page.frames().find((candidate) => candidate.url().includes('/embed/topics/symptoms'))
    const narrow = symptomsFrame === undefined ? undefined : await measured(symptomsFrame)
    t.ok(narrow !== undefined && narrow.scroll <= narrow.viewport && narrow.viewport - narrow.scroll <= 2, `at 320 px the iframe grew from ${wide}px and fits its content: ${JSON.stringify(narrow)}`)
    t.ok(narrow !== undefined && narrow.width <= narrow.viewportWidth, 'and needs no horizontal scrolling')

    const leaked = await page.evaluate(() => {
      const before = new Set(JSON.parse(document.documentElement.dataset.globals ?? '[]') as string[])
      return Object.keys(window).filter((key) => !before.has(key) && !/^\d+$/.test(key)) // frames are indexed, not globals
    })
    t.same(leaked, [], 'embed.js leaks no globals')
    t.same(await context.cookies(), [], 'no cookies')
    t.same(watched.errors, [], 'no console errors')
  })

  await t.test('the embed page passes axe-core (no serious or critical violations) in both languages and themes', async (t) => {
    const page = await context.newPage()
    t.teardown(() => page.close())
    const watched = watch(page)
    for (const lang of ['en', 'tr']) {
      for (const theme of ['light', 'dark']) {
        await page.goto(`${origin}/embed/topics/symptoms?lang=${lang}&theme=${theme}`)
        await page.evaluate(AXE_SOURCE)
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string, impact: string, nodes: unknown[] }> }> } }).axe
          const result = await axe.run(document, { resultTypes: ['violations'] })
          return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }))
        })
        t.same(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'), [], `${lang} ${theme}`)
        t.same(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), [], `${lang} ${theme}: no CSP violations`)
      }
    }
    t.same(watched.errors, [], 'no console errors')
  })

  await t.test('screenshots of the embed page on a 390 px phone and on a desktop', async (t) => {
    const dir = screenshotDir()
    const page = await context.newPage()
    t.teardown(() => page.close())
    for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
      await page.setViewportSize({ width, height })
      await page.goto(`${origin}/embed/topics/symptoms?lang=tr`)
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth)
      t.ok(scrollWidth <= width, `${name}: no horizontal scrolling (${scrollWidth} <= ${width})`)
      const path = join(dir, `embed-symptoms-tr-${name}.png`)
      await page.screenshot({ path, fullPage: true })
      t.ok(readFileSync(path).length > 1000, `${name}: ${path}`)
    }
    t.comment(`screenshots written to ${dir}`)
  })

  await t.test('a section embed on a 390 px phone: its own references from 1, no summary; a tapped citation shows its reference; the list is one tap away', async (t) => {
    const dir = screenshotDir()
    const page = await context.newPage()
    t.teardown(() => page.close())
    await page.setViewportSize({ width: 390, height: 844 })
    await page.emulateMedia({ reducedMotion: 'reduce' })
    const watched = watch(page)
    const host = await startHost(t, hostPage(origin, '<div data-als-topic="symptoms" data-sections="breathing,weight-loss"></div>'))
    await page.goto(`${host}/`)
    const frame = await embedFrame(page, '/embed/topics/symptoms')
    const topic = app.content.topic('symptoms', 'en')
    const wanted = topic.sections.filter((section) => ['breathing', 'weight-loss'].includes(section.id))
    const cited = citedBy(wanted)
    t.equal(await frame.locator('h2[id^="s-"]').count(), 2, 'the two sections')
    t.equal(await frame.locator('.summary').count(), 0, 'no topic summary unless asked')
    const items = await frame.locator('ol.refs li').evaluateAll((elements) => elements.map((element) => element.id))
    t.same(items, cited.map((_id, index) => `ref-${index + 1}`), `only the ${cited.length} references these sections cite, numbered from 1`)
    t.ok(cited.length < topic.references.length, 'fewer than the whole topic cites')
    t.equal(await frame.locator('ol.refs li').first().textContent().then((text) => text?.startsWith(topic.references.find((reference) => reference.id === cited[0])?.citation.slice(0, 20) ?? '?')), true, 'reference 1 is the first one cited')
    const inner = await measured(frame)
    t.ok(inner.width <= inner.viewportWidth, `no horizontal scrolling in the frame (${inner.width} <= ${inner.viewportWidth})`)
    t.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 390, 'nor on the host page')
    t.same(await axeViolations(frame), [], 'axe: the section embed at 390 px')
    await wholePage(page, join(dir, 'embed-section-phone.png'))

    // Tap the first citation marker: its reference shows beside it.
    const marker = frame.locator('button.cite').first()
    t.equal(await marker.getAttribute('aria-expanded'), 'false')
    t.equal(await marker.getAttribute('aria-label'), 'Reference 1')
    await marker.scrollIntoViewIfNeeded()
    await marker.tap()
    await frame.waitForFunction(() => document.querySelector('#ref-pop-1')?.matches(':popover-open') === true)
    t.equal(await marker.getAttribute('aria-expanded'), 'true', 'the marker says it is expanded')
    const markerBox = await marker.boundingBox()
    const popBox = await frame.locator('#ref-pop-1').boundingBox()
    if (markerBox === null || popBox === null) throw new Error('no boxes')
    t.ok(Math.abs(popBox.y - (markerBox.y + markerBox.height)) < 40 || Math.abs(popBox.y + popBox.height - markerBox.y) < 40, `the popover is at the marker (marker ${JSON.stringify(markerBox)}, popover ${JSON.stringify(popBox)})`)
    t.ok(popBox.x >= 0 && popBox.x + popBox.width <= 390, 'and within the phone\'s width')
    t.match(await frame.locator('#ref-pop-1').textContent(), 'Go to the reference list')
    t.same(await axeViolations(frame), [], 'axe: with the popover open')
    await page.evaluate((y) => window.scrollBy(0, y - 300), markerBox.y)
    await page.screenshot({ path: join(dir, 'embed-citation-tapped-phone.png') })

    // Tap "Go to the reference list": the host page scrolls to the reference, which takes the focus.
    const scrolledBefore = await page.evaluate(() => window.scrollY)
    await frame.locator('#ref-pop-1 a[href="#ref-1"]').tap()
    await page.waitForFunction((before) => window.scrollY !== before, scrolledBefore)
    t.notOk(await popoverOpen(frame, '#ref-pop-1'), 'the popover closes')
    t.equal(await marker.getAttribute('aria-expanded'), 'false')
    const at = await topInHost(frame, '#ref-1')
    t.ok(at >= 0 && at < 844 / 2, `reference 1 is at the top of the phone's screen (${at}px)`)
    t.equal(await frame.evaluate(() => document.activeElement?.id), 'ref-1', 'and has the focus')
    await page.screenshot({ path: join(dir, 'embed-reference-list-phone.png') })
    t.same(watched.errors, [], 'no console errors')
  })

  await t.test('citations by keyboard and by mouse hover (desktop)', async (t) => {
    const page = await context.newPage()
    t.teardown(() => page.close())
    await page.goto(`${origin}/embed/topics/symptoms?sections=breathing`)
    const marker = page.locator('button.cite').first()
    await marker.focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.querySelector('#ref-pop-1')?.matches(':popover-open') === true)
    t.equal(await marker.getAttribute('aria-expanded'), 'true', 'Enter opens it')
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.querySelector('#ref-pop-1')?.matches(':popover-open') === false)
    t.equal(await marker.getAttribute('aria-expanded'), 'false', 'Escape closes it')
    await marker.hover()
    await page.waitForFunction(() => document.querySelector('#ref-pop-1')?.matches(':popover-open') === true)
    t.pass('hover opens it')
    await page.mouse.move(5, 5)
    await page.waitForFunction(() => document.querySelector('#ref-pop-1')?.matches(':popover-open') === false)
    t.pass('moving away closes it')
    await marker.hover()
    await page.waitForFunction(() => document.querySelector('#ref-pop-1')?.matches(':popover-open') === true)
    await marker.click()
    await page.mouse.move(5, 5)
    await page.waitForTimeout(600)
    t.ok(await popoverOpen(page.mainFrame(), '#ref-pop-1'), 'a click pins a popover opened by hover')
  })

  await t.test('the short form: summary, contents, folded sections; a contents link opens its section and scrolls the host page', async (t) => {
    const dir = screenshotDir()
    const page = await context.newPage()
    t.teardown(() => page.close())
    await page.emulateMedia({ reducedMotion: 'reduce' })
    const watched = watch(page)
    const host = await startHost(t, hostPage(origin, '<div data-als-topic="symptoms" data-als-form="short" data-lang="tr"></div>'))
    for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 800]] as const) {
      await page.setViewportSize({ width, height })
      await page.goto(`${host}/`)
      const frame = await embedFrame(page, '/embed/topics/symptoms')
      const topic = app.content.topic('symptoms', 'tr')
      t.equal(await frame.locator('.summary').textContent(), topic.summary, `${name}: the summary`)
      t.equal(await frame.locator('nav.toc li').count(), topic.sections.length + 1, `${name}: contents: every section and the references`)
      t.equal(await frame.locator('details').count(), topic.sections.length + 1, `${name}: each section folded`)
      t.equal(await frame.locator('details[open]').count(), 0, `${name}: all closed`)
      t.same(await axeViolations(frame), [], `axe: short form, ${name}`)
      await wholePage(page, join(dir, `embed-short-${name}.png`))
    }
    const frame = await embedFrame(page, '/embed/topics/symptoms')
    const before = await page.evaluate(() => window.scrollY)
    const last = app.content.topic('symptoms', 'tr').sections.at(-1)?.id ?? ''
    await frame.locator(`nav.toc a[href="#s-${last}"]`).click()
    await page.waitForFunction((y) => window.scrollY !== y, before)
    t.equal(await frame.locator('details[open]').count(), 1, 'the section opened')
    t.ok(await frame.locator(`details[open] h2#s-${last}`).count() === 1, 'the one that was asked for')
    const at = await topInHost(frame, `#s-${last}`)
    t.ok(at >= 0 && at < 400, `its heading is at the top of the screen (${at}px)`)
    // Print (the embed page itself): ink on white, every section open, no contents box, no pop-ups.
    const printed = await context.newPage()
    t.teardown(() => printed.close())
    await printed.emulateMedia({ media: 'print', colorScheme: 'dark' })
    await printed.goto(`${origin}/embed/topics/symptoms?lang=tr&form=short&theme=auto`)
    const print = await printed.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      colour: getComputedStyle(document.body).color,
      toc: getComputedStyle(document.querySelector('.toc') as Element).display,
      hiddenStatements: Array.from(document.querySelectorAll('details p')).filter((p) => p.getBoundingClientRect().height === 0).length
    }))
    t.same(print, { background: 'rgb(255, 255, 255)', colour: 'rgb(0, 0, 0)', toc: 'none', hiddenStatements: 0 }, 'print shows every statement, black on white')
    await printed.screenshot({ path: join(dir, 'embed-short-print.png'), fullPage: true })
    t.same(watched.errors, [], 'no console errors')
  })

  await t.test('theme=auto follows the reader\'s colour scheme; the host sets accent and font', async (t) => {
    const dir = screenshotDir()
    const page = await context.newPage()
    t.teardown(() => page.close())
    await page.setViewportSize({ width: 390, height: 844 })
    const host = await startHost(t, hostPage(origin,
      '<div data-als-topic="definition" data-theme="auto" data-als-accent="#7a1f5c" data-als-font="Georgia"></div>' +
      '<div data-als-topic="diagnosis" data-sections="diagnostic-criteria" data-als-accent="ff0" data-als-font="Comic Sans"></div>'))
    const warnings: string[] = []
    page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()) })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.goto(`${host}/`)
      const frame = await embedFrame(page, '/embed/topics/definition')
      t.equal(await (await frame.frameElement()).getAttribute('src'), `${origin}/embed/topics/definition?theme=auto&accent=7a1f5c&font=georgia`)
      const look = await frame.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        font: getComputedStyle(document.body).fontFamily,
        link: getComputedStyle(document.querySelector('button.cite') as Element).color,
        rule: getComputedStyle(document.querySelector('.summary') as Element).borderLeftColor
      }))
      t.equal(look.background, scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(18, 18, 18)', `${scheme}: the background follows the scheme`)
      t.match(look.font, /^Georgia,/, `${scheme}: the host's font`)
      t.equal(look.rule, 'rgb(122, 31, 92)', `${scheme}: the host's accent`)
      if (scheme === 'light') t.equal(look.link, 'rgb(122, 31, 92)', 'light: markers in the accent (readable as it is)')
      else t.not(look.link, 'rgb(122, 31, 92)', 'dark: markers in a lighter accent, readable on the dark background')
      t.same(await axeViolations(frame), [], `axe: theme auto, ${scheme}, with the accent`)
      await page.screenshot({ path: join(dir, `embed-accent-${scheme}-phone.png`) })
    }
    // An accent too light to read is darkened; values embed.js cannot accept are left out, with a warning.
    const second = await embedFrame(page, '/embed/topics/diagnosis')
    t.equal(await (await second.frameElement()).getAttribute('src'), `${origin}/embed/topics/diagnosis?sections=diagnostic-criteria&accent=ff0`)
    const link = await second.evaluate(() => getComputedStyle(document.querySelector('button.cite') as Element).color)
    t.not(link, 'rgb(255, 255, 0)', `yellow is darkened for text (${link})`)
    t.ok(warnings.some((warning) => warning.includes('data-als-font')), 'a warning names the refused font')
  })

  await t.test('a wrong data-als-topic shows a short message in the reader\'s language, in a small frame', async (t) => {
    const dir = screenshotDir()
    const page = await context.newPage()
    t.teardown(() => page.close())
    await page.setViewportSize({ width: 390, height: 844 })
    const host = await startHost(t, hostPage(origin, '<div data-als-topic="semptomlar" data-lang="tr"></div><div data-als-topic="symptoms" data-theme="blue"></div>'))
    await page.goto(`${host}/`)
    const frame = await embedFrame(page, '/embed/topics/semptomlar')
    t.equal(await frame.locator('h1').textContent(), 'Bu ALS içeriği gösterilemiyor')
    t.match(await frame.locator('main').textContent(), /Yerleştirme kodu var olmayan bir konuyu belirtiyor\..*symptoms/)
    t.notMatch(await frame.locator('body').textContent(), /"type"|\{/, 'no JSON')
    // The frame is resized when its page posts its height: wait for that message rather than race it.
    const element = await frame.frameElement()
    const heightOf = async () => await element.evaluate((iframe) => (iframe as HTMLIFrameElement).getBoundingClientRect().height)
    // Small: the message and the list of topics (ten now), not a topic's thousands of pixels.
    let height = await heightOf()
    for (let i = 0; i < 50 && height >= 480; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      height = await heightOf()
    }
    t.ok(height < 480, `the frame shrinks to the message (${height}px)`)
    t.same(await axeViolations(frame), [], 'axe: the error page')
    await page.screenshot({ path: join(dir, 'embed-error-phone.png') })
    // data-theme="blue" is not passed on (embed.js passes only what the page accepts): the embed still shows.
    const symptoms = await embedFrame(page, '/embed/topics/symptoms')
    t.equal(await symptoms.locator('h1').textContent(), app.content.topic('symptoms', 'en').title)
    // An embed URL with a wrong parameter, opened directly in a frame, is a page too.
    const direct = await context.newPage()
    t.teardown(() => direct.close())
    const response = await direct.goto(`${origin}/embed/topics/symptoms?lang=tr&form=long`)
    t.equal(response?.status(), 400)
    t.equal(response?.headers()['content-type'], 'text/html; charset=utf-8')
    t.match(await direct.locator('main').textContent(), /kabul etmediği bir ayar var: form/)
  })

  await t.test('"not medical advice" is said once', async (t) => {
    const page = await context.newPage()
    t.teardown(() => page.close())
    for (const lang of ['en', 'tr']) {
      await page.goto(`${origin}/embed/topics/treatments?lang=${lang}`)
      const text = await page.locator('body').innerText()
      const phrase = lang === 'en' ? /not medical advice/gi : /tıbbi tavsiye değildir/gi
      t.equal(text.match(phrase)?.length, 1, lang)
    }
  })

  await t.test('Swagger UI at /docs loads, lists every route, and "Try it out" on /v1/topics shows a 200', async (t) => {
    const page = await context.newPage()
    t.teardown(() => page.close())
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${origin}/docs/`)
    await page.locator('.opblock').first().waitFor()
    const listed = await page.locator('.opblock-summary-path').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-path')))
    const spec = app.swagger() as { paths: Record<string, unknown> }
    // An operation with two tags (a topic's questions page: embed and questions) is listed under each.
    t.same([...new Set(listed)].sort(), Object.keys(spec.paths).sort(), 'every route is listed')

    const operation = page.locator('#operations-topics-listTopics')
    await operation.locator('.opblock-summary').click()
    await operation.getByRole('button', { name: 'Try it out' }).click()
    await operation.getByRole('button', { name: 'Execute' }).click()
    const status = operation.locator('.live-responses-table .response .response-col_status').first()
    await status.waitFor()
    t.equal((await status.textContent())?.trim(), '200')
  })
})
