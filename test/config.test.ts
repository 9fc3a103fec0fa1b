import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.ts'
import { DEFAULT_DATABASE_PATH } from '../src/paths.ts'

t.test('defaults', async (t) => {
  t.same(loadConfig({}), { port: 3000, host: '0.0.0.0', databasePath: DEFAULT_DATABASE_PATH, publicUrl: 'http://localhost:3000', logLevel: 'info' })
})

t.test('values from the environment', async (t) => {
  t.same(loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_PATH: '/tmp/x.db', PUBLIC_URL: 'https://als.example.org/api/', LOG_LEVEL: 'warn', UNRELATED: 'x' }), {
    port: 8080, host: '127.0.0.1', databasePath: '/tmp/x.db', publicUrl: 'https://als.example.org/api', logLevel: 'warn'
  })
  t.equal(loadConfig({ PORT: '' }).port, 3000, 'an empty value takes the default')
})

t.test('a bad value is one clear line naming the variable', async (t) => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /^invalid environment variable PORT="abc": must be integer$/],
    [{ PORT: '70000' }, /^invalid environment variable PORT="70000": must be <= 65535$/],
    [{ PORT: '-1' }, /^invalid environment variable PORT="-1": must be integer$/],
    [{ LOG_LEVEL: 'loud' }, /^invalid environment variable LOG_LEVEL="loud": .*\(fatal, error, warn, info, debug, trace, silent\)$/],
    [{ PUBLIC_URL: 'ftp://x' }, /^invalid environment variable PUBLIC_URL="ftp:\/\/x": must match pattern/]
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message }, JSON.stringify(env))
  }
  t.type(new ConfigError('x'), Error)
})
