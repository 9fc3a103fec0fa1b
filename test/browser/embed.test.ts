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
    t.ok(await symptoms.locator('sup a[href="#ref-1"]').count() >= 1, 'numbered citation')
    t.equal(await symptoms.locator('ol li[id^="ref-"]').count(), app.content.topic('symptoms', 'tr').references.length, 'every cited reference is listed')

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

  await t.test('screenshots of the embed page on a 320 px phone and on a desktop', async (t) => {
    const dir = screenshotDir()
    const page = await context.newPage()
    t.teardown(() => page.close())
    for (const [name, width, height] of [['phone', 320, 640], ['desktop', 1280, 800]] as const) {
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

  await t.test('Swagger UI at /docs loads, lists every route, and "Try it out" on /v1/topics shows a 200', async (t) => {
    const page = await context.newPage()
    t.teardown(() => page.close())
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${origin}/docs/`)
    await page.locator('.opblock').first().waitFor()
    const listed = await page.locator('.opblock-summary-path').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-path')))
    const spec = app.swagger() as { paths: Record<string, unknown> }
    t.same([...listed].sort(), Object.keys(spec.paths).sort(), 'every route is listed')

    const operation = page.locator('#operations-topics-listTopics')
    await operation.locator('.opblock-summary').click()
    await operation.getByRole('button', { name: 'Try it out' }).click()
    await operation.getByRole('button', { name: 'Execute' }).click()
    const status = operation.locator('.live-responses-table .response .response-col_status').first()
    await status.waitFor()
    t.equal((await status.textContent())?.trim(), '200')
  })
})
