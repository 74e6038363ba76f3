/** Adds `item` to the group under `key`, in place: indexes built by copying a group per insert grow with the square of its size. */
export function addToGroup<K, V>(groups: Map<K, V[]>, key: K, item: V): void {
    const group = groups.get(key);
    if (group) {
        group.push(item);
    } else {
        groups.set(key, [item]);
    }
}

/** The items of the groups under `keys`, each once, in the order the keys and groups give them. */
export function inGroups<K, V>(groups: ReadonlyMap<K, readonly V[]>, keys: Iterable<K>): Set<V> {
    const found = new Set<V>();
    for (const key of keys) {
        groups.get(key)?.forEach((item) => found.add(item));
    }
    return found;
}
