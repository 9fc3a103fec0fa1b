/// <reference lib="dom" />
/**
 * Swagger UI as a new user meets it, in chromium: the page names the API (tab title, logo), the guides head the
 * description, and "Try it out" with the prefilled examples of the main operation (a topic, in Turkish, two of its
 * sections) answers 200. Skipped, with a message, only when /usr/bin/chromium is missing.
 */
import t from 'tap'
import { join } from 'node:path'
import { launchBrowser, screenshotDir, SKIP, startApi } from './browser.ts'
import { REAL_CONTENT } from '../helpers.ts'

t.test('Swagger UI names the API and its prefilled examples work on the first click', { skip: SKIP }, async (t) => {
  const { origin } = await startApi(t, REAL_CONTENT)
  const context = await launchBrowser(t)
  const page = await context.newPage()
  t.teardown(() => page.close())
  await page.goto(`${origin}/docs/`)
  await page.locator('.opblock').first().waitFor()

  t.equal(await page.title(), 'ALS Reference API — documentation')
  const logo = page.locator('.topbar-wrapper img').first()
  t.match(await logo.getAttribute('src'), /^data:image\/svg\+xml;base64,/, 'the top bar shows the API\'s logo')
  t.match(await page.locator('.info .title').first().textContent(), /ALS Reference API/)
  t.ok(await page.locator('.info a[href="/v1/labels"]').count() > 0, 'the guides link the labels')
  const top = join(screenshotDir(), 'docs-top.png')
  await page.screenshot({ path: top })
  t.comment(`screenshot: ${top}`)

  const operation = page.locator('#operations-topics-getTopic')
  await operation.locator('.opblock-summary').click()
  await operation.getByRole('button', { name: 'Try it out' }).click()
  t.equal(await operation.locator('tr[data-param-name="sections"] input').inputValue(), 'early-symptoms,breathing', 'the example is prefilled')
  await operation.getByRole('button', { name: 'Execute' }).click()
  const status = operation.locator('.live-responses-table .response .response-col_status').first()
  await status.waitFor()
  t.equal((await status.textContent())?.trim(), '200', 'GET /v1/topics/symptoms?lang=tr&sections=early-symptoms,breathing')
  const path = join(screenshotDir(), 'docs-try-it-out.png')
  await page.screenshot({ path })
  t.comment(`screenshot: ${path}`)
})
