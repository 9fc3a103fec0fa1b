/// <reference lib="dom" />
/**
 * The questions embed page in a real browser (Debian's chromium, driven by playwright-core): axe-core finds no serious
 * or critical violation in either language or theme, the CSP blocks nothing the page needs, and a question opens from
 * the keyboard. Skipped, with a message, only when /usr/bin/chromium is missing.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { launchBrowser, screenshotDir, SKIP, startApi } from './browser.ts'
import { REAL_CONTENT } from '../helpers.ts'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

t.test('the questions embed page in chromium', { skip: SKIP }, async (t) => {
  const { origin } = await startApi(t, REAL_CONTENT)
  const context = await launchBrowser(t)
  await context.addInitScript(() => {
    const violations: string[] = []
    Object.defineProperty(window, '__cspViolations', { value: violations })
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  const page = await context.newPage()
  t.teardown(() => page.close())
  const errors: string[] = []
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
  page.on('pageerror', (error) => errors.push(error.message))

  for (const lang of ['en', 'tr']) {
    for (const theme of ['light', 'dark']) {
      await page.goto(`${origin}/embed/topics/genetics/questions?lang=${lang}&theme=${theme}`)
      await page.evaluate(AXE_SOURCE)
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: Array<{ id: string, impact: string }> }> } }).axe
        return (await axe.run(document, { resultTypes: ['violations'] })).violations.map((violation) => ({ id: violation.id, impact: violation.impact }))
      })
      t.same(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'), [], `${lang} ${theme}: axe`)
      t.same(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations), [], `${lang} ${theme}: no CSP violations`)
    }
  }

  // The first question is closed; focusing its summary and pressing Enter opens it and shows its answer.
  const first = page.locator('details').first()
  t.equal(await first.evaluate((element) => (element as HTMLDetailsElement).open), false)
  await page.locator('summary').first().focus()
  await page.keyboard.press('Enter')
  t.equal(await first.evaluate((element) => (element as HTMLDetailsElement).open), true, 'opens from the keyboard')
  t.ok(await first.locator('p').isVisible(), 'the answer shows')
  await page.screenshot({ path: join(screenshotDir(), 'questions-embed-genetics-tr-dark.png'), fullPage: true })
  t.same(errors, [], 'no console errors')
})
