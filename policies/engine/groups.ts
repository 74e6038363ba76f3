/** Adds `item` to the group under `key`, in place: indexes built by copying a group per insert grow with the square of its size. */
export function addToGroup<K, V>(groups: Map<K, V[]>, key: K, item: V): void {
    const group = groups.get(key);
    if (group) {
        group.push(item);
    } else {
        groups.set(key, [item]);
    }
}
