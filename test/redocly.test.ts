/** The generated spec passes Redocly's `recommended` rules with no error (warnings are reported, not failed). */
import t from 'tap'
import { createConfig, lintFromString } from '@redocly/openapi-core'
import { stringify } from 'yaml'
import { buildTestApp } from './helpers.ts'

t.test('the spec passes Redocly\'s recommended rules with no error', async (t) => {
  const app = await buildTestApp(t)
  await app.ready()
  const config = await createConfig({ extends: ['recommended'] })
  const problems = await lintFromString({ source: stringify(app.swagger()), absoluteRef: 'openapi.yaml', config })
  const errors = problems.filter((problem) => problem.severity === 'error')
  t.same(errors.map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`), [], 'no error')
  t.comment(`${problems.length - errors.length} warnings: ${[...new Set(problems.map((problem) => problem.ruleId))].join(', ') || 'none'}`)

  // The rule that failed before: a public API declares that it needs no credentials.
  t.same((app.swagger() as { security?: unknown }).security, [])
})
