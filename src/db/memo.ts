/** `make`, called once per key: for representations of an immutable release, made on first demand and then kept. */
export function memo<K, V> (make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>()
  return (key) => {
    let value = made.get(key)
    if (value === undefined) made.set(key, value = make(key))
    return value
  }
}
