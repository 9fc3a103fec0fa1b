import t from 'tap'
import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'yaml'
import { generateOpenApiYaml, OPENAPI_PATH } from '../src/cli/openapi.ts'
import { buildTestApp } from './helpers.ts'
import { TOPIC_IDS } from '../schemas/topics/index.ts'

t.test('openapi.yaml is generated from the code and has not drifted', async (t) => {
  const generated = await generateOpenApiYaml()
  t.equal(readFileSync(OPENAPI_PATH, 'utf8'), generated, 'run "npm run openapi" to regenerate openapi.yaml')
})

t.test('the spec is valid OpenAPI 3.1', async (t) => {
  const validator = new Validator()
  const result = await validator.validate(parse(readFileSync(OPENAPI_PATH, 'utf8')))
  t.same(result.errors, undefined)
  t.equal(result.valid, true)
  t.equal(validator.version, '3.1')
})

t.test('the spec names its components and documents every operation', async (t) => {
  const spec = parse(readFileSync(OPENAPI_PATH, 'utf8'))
  for (const name of ['OEmbed', 'TopicJsonLd', 'Problem', 'Reference', 'Statement', 'Section', 'Provenance', 'TopicList', 'Meta', 'SymptomsTopic', 'TreatmentsTopic']) {
    t.ok(spec.components.schemas[name], `component ${name}`)
  }
  t.same(spec.tags.map((tag: { name: string }) => tag.name).sort(), ['embed', 'entities', 'integrations', 'meta', 'questions', 'search', 'topics'])
  for (const [path, operations] of Object.entries(spec.paths as Record<string, Record<string, { operationId?: string, summary?: string, description?: string, tags?: string[], responses: Record<string, unknown> }>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      t.ok(operation.operationId && operation.summary && operation.description && operation.tags?.length, `${method} ${path} has id, summary, description, tags`)
      t.ok(operation.responses['200'], `${method} ${path} documents its success`)
    }
  }
  t.notOk(spec.paths['/openapi.json'], 'the spec routes are hidden')
})

t.test('every response the API gives matches its documented schema', async (t) => {
  const spec = parse(readFileSync(OPENAPI_PATH, 'utf8'))
  const Ajv = Ajv2020.default
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'spec', components: spec.components })
  const schemaFor = (path: string, status: number, type: string) => {
    const responses = spec.paths[path].get.responses
    const schema = responses[String(status)].content[type].schema
    return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/'))
  }
  const app = await buildTestApp(t)
  const check = async (url: string, path: string, status = 200, type = 'application/json', headers: Record<string, string> = {}) => {
    const res = await app.inject({ url, headers })
    t.equal(res.statusCode, status, url)
    const validate = ajv.compile(schemaFor(path, status, type))
    t.ok(validate(res.json()), `${url}: ${ajv.errorsText(validate.errors)}`)
  }
  for (const lang of ['en', 'tr']) {
    await check(`/v1/topics?lang=${lang}`, '/v1/topics')
    for (const topic of TOPIC_IDS) await check(`/v1/topics/${topic}?lang=${lang}`, '/v1/topics/{topic}', 200, 'application/ld+json', { accept: 'application/ld+json' })
    await check(`/oembed?url=http%3A%2F%2Fapi.test%2Fembed%2Ftopics%2Fsymptoms%3Flang%3D${lang}`, '/oembed')
    await check(`/v1/meta?lang=${lang}`, '/v1/meta')
    for (const topic of TOPIC_IDS) await check(`/v1/topics/${topic}?lang=${lang}`, '/v1/topics/{topic}')
  }
  for (const lang of ['en', 'tr']) {
    for (const path of ['/v1/symptoms', '/v1/genes', '/v1/treatments', '/v1/statistics', '/v1/references', '/v1/codes']) await check(`${path}?lang=${lang}`, path)
    await check(`/v1/symptoms/fasciculations?lang=${lang}`, '/v1/symptoms/{id}')
    await check(`/v1/genes/sod1?lang=${lang}`, '/v1/genes/{symbol}')
    await check(`/v1/treatments/riluzole?lang=${lang}`, '/v1/treatments/{id}')
    await check(`/v1/statistics/incidence-fixture?lang=${lang}`, '/v1/statistics/{id}')
    await check(`/v1/references/ref-article?lang=${lang}`, '/v1/references/{id}')
    await check(`/v1/statements/sym-one?lang=${lang}`, '/v1/statements/{id}')
    await check(`/v1/lookup?system=icd10&code=G12.2&lang=${lang}`, '/v1/lookup')
    await check(`/v1/search?q=fixture&lang=${lang}`, '/v1/search')
  }
  await check('/v1/symptoms?fields=name', '/v1/symptoms')
  await check('/v1/genes/nope', '/v1/genes/{symbol}', 404, 'application/problem+json')
  await check('/v1/lookup?system=icd10&code=X', '/v1/lookup', 404, 'application/problem+json')
  await check('/v1/search?q=%22', '/v1/search', 400, 'application/problem+json')
  await check('/health', '/health')
  await check('/ready', '/ready')
  await check('/v1/topics/nope', '/v1/topics/{topic}', 404, 'application/problem+json')
  await check('/v1/topics/symptoms?lang=x', '/v1/topics/{topic}', 400, 'application/problem+json')
  await check('/v1/topics?lang=x', '/v1/topics', 400, 'application/problem+json')
  await check('/v1/meta', '/v1/meta', 406, 'application/problem+json', { accept: 'text/plain' })
  await check('/oembed?url=http%3A%2F%2Fexample.org%2F', '/oembed', 404, 'application/problem+json')
  await check('/oembed?url=x&format=xml', '/oembed', 501, 'application/problem+json')
  await check('/embed/topics/nope', '/embed/topics/{topic}', 404, 'application/problem+json')
  await check('/embed/topics/symptoms?theme=blue', '/embed/topics/{topic}', 400, 'application/problem+json')
})

t.test('Swagger UI and the spec are served', async (t) => {
  const app = await buildTestApp(t)
  const docs = await app.inject({ url: '/docs/' })
  t.equal(docs.statusCode, 200)
  t.match(docs.headers['content-type'], /text\/html/)
  t.match(docs.body, /swagger-ui/i)
  const json = await app.inject({ url: '/openapi.json' })
  t.equal(json.statusCode, 200)
  t.equal(json.json().openapi, '3.1.0')
  const yaml = await app.inject({ url: '/openapi.yaml' })
  t.match(yaml.headers['content-type'], /application\/yaml/)
  t.equal(parse(yaml.body).info.title, 'ALS Reference API')
})
