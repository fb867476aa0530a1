import type { Network } from '../core/models/network';
import { predictFirstCut } from '../core/pruning/methods/dns';
import type { Trainer } from '../core/train/trainer';

/**
 * For threshold methods with a per-layer crate `c` (DNS), the fraction of each layer the first
 * surgery step would cut from the current weights; null for other methods.
 */
export async function predictCut(trainer: Trainer, net: Network): Promise<number[] | null> {
  if (trainer.method.sparsity !== 'threshold') return null;
  const c = (trainer.methodConfig as { c?: unknown }).c;
  if (!Array.isArray(c) || c.length !== net.layers.length || !c.every((x) => typeof x === 'number'))
    return null;
  return predictFirstCut(net.layers, c as number[]);
}
