import { useRef } from 'preact/hooks';

/**
 * `compute()`'s value, kept while `deps` stay the same (compared with ===) and handed out only
 * while `needed`: unlike useMemo, a render that does not need it neither computes it nor forgets
 * it. The review table keeps its whole-set figures (sorted rows, totals) this way while a filter
 * is on, so clearing the filter finds them ready instead of redoing 5,000 captures (issue 13).
 * undefined while not needed.
 */
export function useKept<T>(needed: boolean, compute: () => T, deps: readonly unknown[]): T | undefined {
  const kept = useRef<{ deps: readonly unknown[]; value: T } | null>(null);
  if (!needed) return undefined;
  const before = kept.current;
  if (!before || before.deps.length !== deps.length || before.deps.some((d, i) => d !== deps[i])) kept.current = { deps, value: compute() };
  return kept.current!.value;
}

/**
 * `derive(item)` for each item, remembered per item object (a WeakMap): a change of one capture
 * (a correction, a recognition's progress) replaces that capture's object only, so only it is
 * worked out again. The cache lives as long as the component.
 */
export function usePerItem<K extends object, V>(derive: (item: K) => V): (item: K) => V {
  const cache = useRef<WeakMap<K, V>>(new WeakMap());
  const latest = useRef(derive);
  latest.current = derive;
  const get = useRef((item: K): V => {
    const hit = cache.current.get(item);
    if (hit !== undefined) return hit;
    const value = latest.current(item);
    cache.current.set(item, value);
    return value;
  });
  return get.current;
}
