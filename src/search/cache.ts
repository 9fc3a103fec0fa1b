/**
 * A small least-recently-used cache. Search results are a pure function of the release and the request, and the
 * release never changes while the process runs, so a repeated search (people type the same few words) is answered
 * from memory, already serialized, hashed and, on demand, compressed.
 */
export interface Lru<V> {
  get: (key: string) => V | undefined
  set: (key: string, value: V) => void
  readonly size: number
}

export function createLru<V> (capacity: number): Lru<V> {
  const entries = new Map<string, V>()
  return {
    get (key) {
      const value = entries.get(key)
      if (value !== undefined) {
        // Most recently used last: Map keeps insertion order.
        entries.delete(key)
        entries.set(key, value)
      }
      return value
    },
    set (key, value) {
      entries.delete(key)
      entries.set(key, value)
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string)
    },
    get size () { return entries.size }
  }
}
