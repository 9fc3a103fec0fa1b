import t from 'tap'
import { ConfigError, loadConfig } from '../src/config.ts'
import { DEFAULT_DATABASE_PATH } from '../src/paths.ts'

const DEFAULT_LIMITS = {
  rateLimit: { max: 240, timeWindow: 60_000 },
  underPressure: { maxEventLoopDelay: 1000, maxHeapUsedBytes: 900 },
  requestTimeout: 15_000,
  headersTimeout: 10_000,
  keepAliveTimeout: 5_000
}

t.test('defaults', async (t) => {
  t.same(loadConfig({}, 1000), { port: 3000, host: '0.0.0.0', databasePath: DEFAULT_DATABASE_PATH, publicUrl: 'http://localhost:3000', logLevel: 'info', trustProxy: 0, limits: DEFAULT_LIMITS })
  t.ok((loadConfig({}).limits.underPressure as { maxHeapUsedBytes: number }).maxHeapUsedBytes > 100 * 1024 * 1024, 'heap threshold from the real V8 limit')
})

t.test('limits from the environment', async (t) => {
  t.same(loadConfig({
    RATE_LIMIT_MAX: '10',
    RATE_LIMIT_WINDOW_MS: '2000',
    MAX_EVENT_LOOP_DELAY_MS: '0',
    MAX_HEAP_USED_MB: '512',
    TRUST_PROXY: '1',
    REQUEST_TIMEOUT_MS: '20000',
    HEADERS_TIMEOUT_MS: '20000',
    KEEP_ALIVE_TIMEOUT_MS: '65000'
  }), {
    port: 3000,
    host: '0.0.0.0',
    databasePath: DEFAULT_DATABASE_PATH,
    publicUrl: 'http://localhost:3000',
    logLevel: 'info',
    trustProxy: 1,
    limits: {
      rateLimit: { max: 10, timeWindow: 2000 },
      underPressure: { maxEventLoopDelay: 0, maxHeapUsedBytes: 512 * 1024 * 1024 },
      requestTimeout: 20_000,
      headersTimeout: 20_000,
      keepAliveTimeout: 65_000
    }
  })
  t.equal(loadConfig({ RATE_LIMIT_MAX: '0' }).limits.rateLimit, false, 'RATE_LIMIT_MAX=0 turns the rate limit off')
})

t.test('values from the environment', async (t) => {
  t.same(loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_PATH: '/tmp/x.db', PUBLIC_URL: 'https://als.example.org/api/', LOG_LEVEL: 'warn', UNRELATED: 'x' }, 1000), {
    port: 8080, host: '127.0.0.1', databasePath: '/tmp/x.db', publicUrl: 'https://als.example.org/api', logLevel: 'warn', trustProxy: 0, limits: DEFAULT_LIMITS
  })
  t.equal(loadConfig({ PORT: '' }).port, 3000, 'an empty value takes the default')
})

t.test('a bad value is one clear line naming the variable', async (t) => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /^invalid environment variable PORT="abc": must be integer$/],
    [{ PORT: '70000' }, /^invalid environment variable PORT="70000": must be <= 65535$/],
    [{ PORT: '-1' }, /^invalid environment variable PORT="-1": must be integer$/],
    [{ LOG_LEVEL: 'loud' }, /^invalid environment variable LOG_LEVEL="loud": .*\(fatal, error, warn, info, debug, trace, silent\)$/],
    [{ PUBLIC_URL: 'ftp://x' }, /^invalid environment variable PUBLIC_URL="ftp:\/\/x": must match pattern/],
    [{ RATE_LIMIT_MAX: 'many' }, /^invalid environment variable RATE_LIMIT_MAX="many": must be integer$/],
    [{ RATE_LIMIT_WINDOW_MS: '10' }, /^invalid environment variable RATE_LIMIT_WINDOW_MS="10": must be >= 1000$/],
    [{ MAX_HEAP_USED_MB: '1.5' }, /^invalid environment variable MAX_HEAP_USED_MB="1.5": must be integer$/],
    [{ TRUST_PROXY: 'yes' }, /^invalid environment variable TRUST_PROXY="yes": must be integer$/],
    [{ HEADERS_TIMEOUT_MS: '20000' }, /^invalid environment variable HEADERS_TIMEOUT_MS="20000": must be <= REQUEST_TIMEOUT_MS \(15000\)$/]
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message }, JSON.stringify(env))
  }
  t.type(new ConfigError('x'), Error)
})
