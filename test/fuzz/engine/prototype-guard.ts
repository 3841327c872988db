/**
 * Prototype pollution is an invariant of every target: the built-in prototypes must keep the same own
 * properties with the same values as before the run. A key added to Object.prototype is looked for after
 * every input; every change to the guarded prototypes after every batch. A change is undone (so the rest
 * of the process is not affected) and reported as an input's failure.
 */
export class PrototypePollution extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrototypePollution';
  }
}

const GUARDED: ReadonlyArray<[string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
];

export class PrototypeGuard {
  private readonly snapshots = GUARDED.map(([name, proto]) => ({ name, proto, descriptors: Object.getOwnPropertyDescriptors(proto) }));
  private readonly objectKeys = Reflect.ownKeys(Object.prototype).length;

  /** A cheap test for the common case (a key added to Object.prototype), fit for every input. */
  quickCheck(): PrototypePollution | undefined {
    return Reflect.ownKeys(Object.prototype).length === this.objectKeys ? undefined : this.check();
  }

  /** Undo and describe any change since the guard was made; undefined when there is none. */
  check(): PrototypePollution | undefined {
    let found: string | undefined;
    for (const { name, proto, descriptors } of this.snapshots) {
      const keys = Reflect.ownKeys(proto);
      const before = Reflect.ownKeys(descriptors);
      if (keys.length === before.length && before.every((k) => sameProperty(proto, k, descriptors))) continue;
      // hasOwn, not `in`: the snapshot is itself an object, and sees a polluted Object.prototype
      const added = keys.filter((k) => !Object.hasOwn(descriptors, k));
      const changed = before.filter((k) => !sameProperty(proto, k, descriptors));
      found ??= `${name} was changed: ${added.length ? `added ${added.map(String).join(', ')}` : ''}${changed.length ? ` changed ${changed.map(String).join(', ')}` : ''}`;
      for (const k of added) delete (proto as Record<PropertyKey, unknown>)[k];
      for (const k of changed) Object.defineProperty(proto, k, (descriptors as Record<PropertyKey, PropertyDescriptor>)[k]!);
    }
    return found === undefined ? undefined : new PrototypePollution(found.trim());
  }
}

function sameProperty(proto: object, key: PropertyKey, descriptors: Record<PropertyKey, PropertyDescriptor>): boolean {
  const now = Object.getOwnPropertyDescriptor(proto, key);
  const then = Object.hasOwn(descriptors, key) ? descriptors[key] : undefined;
  if (!now || !then) return false;
  return now.value === then.value && now.get === then.get && now.set === then.set;
}
