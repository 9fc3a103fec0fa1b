/**
 * Hostile content in a real browser: the embed page of an attacker's content runs none of it.
 */
import t from 'tap'
import { launchBrowser, SKIP, startApi } from './browser.ts'
import { HOSTILE, hostileContent } from '../hostile.ts'

t.test('in chromium, hostile content renders as text and runs nothing', { skip: SKIP }, async (t) => {
  const { origin } = await startApi(t, hostileContent(t))
  const context = await launchBrowser(t)
  const page = await context.newPage()
  t.teardown(() => page.close())
  const dialogs: string[] = []
  const errors: string[] = []
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}) })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
  for (const lang of ['en', 'tr']) {
    await page.goto(`${origin}/embed/topics/definition?lang=${lang}`)
    await page.mouse.move(100, 100)
    await page.hover('h1')
    t.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, `${lang}: no hostile script ran`)
    t.equal(await page.locator('img').count(), 0, `${lang}: no injected element`)
    t.equal(await page.locator('script').count(), 2, `${lang}: only the page's JSON-LD and resize script`)
    t.equal(await page.locator('h1').textContent(), lang === 'en' ? HOSTILE.script : HOSTILE.attribute, `${lang}: the title is shown as text`)
    const jsonLd = await page.locator('script[type="application/ld+json"]').textContent()
    t.equal(JSON.parse(jsonLd ?? '{}').name, lang === 'en' ? HOSTILE.script : HOSTILE.attribute, `${lang}: the JSON-LD parses to the same text`)
  }
  t.same(dialogs, [], 'no dialog opened')
  t.same(errors, [], 'no script error')
})
