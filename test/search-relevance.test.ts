/**
 * Relevance on the real content: for the words people use, in both languages, the expected item comes first.
 * (test/search.test.ts covers the mechanics on a fixed fixture; this guards the ranking of what is served.)
 */
import t from 'tap'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'

const expectations: Array<[lang: 'en' | 'tr', query: string, expected: string]> = [
  ['en', 'riluzole', 'treatment:riluzole'],
  ['en', 'riluzol', 'treatment:riluzole'],
  ['en', 'Lou Gehrig', 'synonym:lou-gehrigs-disease'],
  ['en', 'MND', 'synonym:motor-neurone-disease'],
  ['en', 'Charcot', 'synonym:charcot-disease'],
  ['en', 'C9orf72', 'gene:c9orf72'],
  ['en', 'SOD1', 'gene:sod1'],
  ['en', 'Gold Coast', 'criterion:gold-coast-2020'],
  ['en', 'El Escorial', 'criterion:el-escorial-1994'],
  ['en', 'tofersen', 'treatment:tofersen'],
  ['en', 'Qalsody', 'treatment:tofersen'],
  ['en', 'Relyvrio', 'treatment:sodium-phenylbutyrate-taurursodiol'],
  ['en', 'stem cell', 'treatment:stem-cell-therapy'],
  ['en', 'swallowing', 'symptom:dysphagia'],
  ['en', 'drooling', 'symptom:drooling'],
  ['en', 'pseudobulbar', 'symptom:pseudobulbar-affect'],
  ['en', 'Kennedy', 'differential:kennedy-disease'],
  ['en', 'multifocal motor neuropathy', 'differential:multifocal-motor-neuropathy'],
  ['en', 'neurofilament', 'test:neurofilament-light-chain'],
  ['en', 'Guam', 'cluster:guam-chamorro'],
  ['en', 'smoking', 'risk-factor:smoking'],
  ['en', 'ALSFRS', 'scale:alsfrs-r'],
  ['en', 'HP:0002015', 'symptom:dysphagia'],
  ['en', 'gastrostomy', 'treatment:gastrostomy'],
  ['tr', 'yutma güçlüğü', 'symptom:dysphagia'],
  ['tr', 'YUTMA GUCLUGU', 'symptom:dysphagia'],
  ['tr', 'kas seğirmesi', 'symptom:fasciculations'],
  ['tr', 'riluzol', 'treatment:riluzole'],
  ['tr', 'kök hücre', 'treatment:stem-cell-therapy'],
  ['tr', 'kok hucre', 'treatment:stem-cell-therapy'],
  ['tr', 'genetik test', 'test:genetic-testing'],
  ['tr', 'sigara', 'risk-factor:smoking'],
  ['tr', 'beslenme tüpü', 'treatment:gastrostomy'],
  ['tr', 'frontotemporal demans', 'symptom:frontotemporal-dementia'],
  ['tr', 'ağrı', 'symptom:pain'],
  ['tr', 'AGRI', 'symptom:pain'],
  ['tr', 'konuşma bozukluğu', 'symptom:dysarthria'],
  ['tr', 'kramp', 'symptom:muscle-cramps'],
  ['tr', 'salya', 'symptom:drooling'],
  ['tr', 'Awaji', 'criterion:awaji-shima-2008'],
  ['tr', 'edaravon', 'treatment:edaravone']
]

t.test('the expected hit comes first on the real content', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  t.ok(expectations.length >= 20)
  for (const [lang, query, expected] of expectations) {
    const res = await app.inject({ url: '/v1/search', query: { q: query, lang, limit: '1' } })
    t.equal(res.statusCode, 200)
    const first = res.json().items[0] as { kind: string, id: string } | undefined
    t.equal(first === undefined ? 'nothing' : `${first.kind}:${first.id}`, expected, `${lang} "${query}"`)
  }
})
