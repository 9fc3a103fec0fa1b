import t from 'tap'
import { createLru } from '../src/search/cache.ts'
import { buildTestApp, REAL_CONTENT } from './helpers.ts'

t.test('the LRU keeps the most recently used entries', async (t) => {
  const lru = createLru<number>(2)
  lru.set('a', 1)
  lru.set('b', 2)
  t.equal(lru.get('a'), 1, 'a is now the most recent')
  lru.set('c', 3)
  t.equal(lru.get('b'), undefined, 'b, the least recent, was evicted')
  t.equal(lru.get('a'), 1)
  t.equal(lru.get('c'), 3)
  lru.set('c', 4)
  t.equal(lru.get('c'), 4, 'a set replaces')
  t.equal(lru.size, 2)
})

t.test('a repeated search is answered from the cache, per language and per URL', async (t) => {
  const app = await buildTestApp(t, { contentDir: REAL_CONTENT })
  const first = await app.inject({ url: '/v1/search?q=yutma' })
  const again = await app.inject({ url: '/v1/search?q=yutma' })
  t.equal(again.statusCode, 200)
  t.equal(again.body, first.body, 'the same answer')
  t.equal(again.headers.etag, first.headers.etag)
  const turkish = await app.inject({ url: '/v1/search?q=yutma', headers: { 'accept-language': 'tr' } })
  t.equal(turkish.json().lang, 'tr', 'the language is part of the key')
  t.not(turkish.body, first.body)
  const paged = await app.inject({ url: '/v1/search?q=yutma&limit=1' })
  t.equal(paged.json().items.length, 1, 'the URL is part of the key')
  const bad = await app.inject({ url: '/v1/search?q=%2B%2B%2B' })
  t.equal(bad.statusCode, 400)
  const badAgain = await app.inject({ url: '/v1/search?q=%2B%2B%2B' })
  t.equal(badAgain.statusCode, 400, 'errors are not cached as answers')
})
