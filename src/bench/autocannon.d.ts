declare module 'autocannon' {
  interface Options {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    headers?: Record<string, string>
    method?: string
    body?: string
    /** Requests per second over all connections. */
    overallRate?: number
    /** Stop after this many requests. */
    amount?: number
  }
  interface Histogram { average: number, mean: number, p50: number, p90: number, p99: number, max: number }
  interface Result {
    requests: Histogram
    latency: Histogram
    throughput: Histogram
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    statusCodeStats?: Record<string, { count: number }>
  }
  function autocannon (options: Options): Promise<Result>
  export default autocannon
}
