import t from 'tap'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'

t.test('smoke', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  for (const q of ['mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c=G12.21&informationRecipient.languageCode.c=tr',
    'mainSearchCriteria.v.cs=2.16.840.1.113883.6.281&mainSearchCriteria.v.c=HGNC:11179&knowledgeResponseType=application/json&informationRecipient=PROV',
    'mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c=I10', 'mainSearchCriteria.v.c=I10', 'mainSearchCriteria.v.c=I10&knowledgeResponseType=application/json']) {
    const res = await app.inject({ url: `/infobutton?${q}` })
    console.log(res.statusCode, res.headers['content-type'], res.body.slice(0, 1500))
  }
})
