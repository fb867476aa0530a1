import { agp } from './methods/agp';
import { dns } from './methods/dns';
import { fixedMask } from './methods/fixedMask';
import { imp, lth } from './methods/iterativeMagnitude';
import { movement } from './methods/movement';
import { nm } from './methods/nm';
import { none } from './methods/none';
import { oneshot } from './methods/oneshot';
import { rigl } from './methods/rigl';
import { set } from './methods/set';
import { structured } from './methods/structured';
import type { MethodId, PrunerSpec } from './types';

/** Every registered method by id. Nothing else in the lab switches on method names. */
const registry = new Map<MethodId, PrunerSpec<unknown>>();

/** Adds a method to the registry (each method file is registered once, below). */
export function registerMethod<C>(spec: PrunerSpec<C>): void {
  registry.set(spec.id, spec as PrunerSpec<unknown>);
}

registerMethod(none);
registerMethod(dns);
registerMethod(imp);
registerMethod(lth);
registerMethod(oneshot);
registerMethod(agp);
registerMethod(movement);
registerMethod(set);
registerMethod(rigl);
registerMethod(nm);
registerMethod(structured);
registerMethod(fixedMask);

/** The spec of a method, or a readable error listing the known ids. */
export function getMethod(id: string): PrunerSpec<unknown> {
  const spec = registry.get(id as MethodId);
  if (!spec) throw new Error(`unknown method "${id}"; known: ${[...registry.keys()].join(', ')}`);
  return spec;
}

/** All registered methods, in registration order. */
export function allMethods(): PrunerSpec<unknown>[] {
  return [...registry.values()];
}
