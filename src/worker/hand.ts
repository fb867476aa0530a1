import * as tf from '@tensorflow/tfjs';
import { keptCount } from '../core/pruning/masks';
import { getMethod } from '../core/pruning/registry';
import type { Network } from '../core/models/network';
import type { HandAction, HandUndo } from '../core/pruning/handEdit';
import { applyHandEdit, restoreHandEdit, UndoStack } from '../core/pruning/handEdit';
import type { LayerView } from './protocol';
import { CELL_STATE, HAND_CELL } from './protocol';

/** Hand edits Undo can take back, newest first (each holds only the connections it changed). */
export const UNDO_LIMIT = 50;

interface UndoEntry {
  readonly undo: HandUndo;
  readonly action: HandAction;
  /** The hand marks of the changed connections before the edit. */
  readonly marks: readonly (HandAction | undefined)[];
}

/** Counts and the line hand surgery reports after a change (the worker adds kept and density). */
export interface HandTally {
  readonly cuts: number;
  readonly splices: number;
  readonly splicedBack: number;
  readonly cutBack: number;
  readonly undoDepth: number;
  readonly message: string;
}

/**
 * Hand surgery on the live run's network: edits, a bounded Undo stack, and the connections the
 * hand left cut or spliced, watched in each snapshot so the method's answer shows (DNS splicing a
 * hand-cut weight back once |w| passes b).
 */
export class HandSurgery {
  private cuts = 0;
  private splices = 0;
  private splicedBack = 0;
  private cutBack = 0;
  private readonly undo = new UndoStack<UndoEntry>(UNDO_LIMIT);
  /** Per layer: connections as the hand left them (until the method changes them). */
  private readonly marks: Map<number, HandAction>[];

  constructor(
    private readonly net: Network,
    /** Masked-gradient methods that keep pruned weights at zero: a hand cut zeroes the weight. */
    private readonly zeroCut: boolean,
    /** How the method is named in messages ("DNS"). */
    private readonly methodName: string,
    /** The method splices by |w| > b (DNS): messages say so. */
    private readonly byThreshold: boolean,
  ) {
    this.marks = net.layers.map(() => new Map());
  }

  private tally(message: string): HandTally {
    return {
      cuts: this.cuts,
      splices: this.splices,
      splicedBack: this.splicedBack,
      cutBack: this.cutBack,
      undoDepth: this.undo.depth,
      message,
    };
  }

  /** Cuts or splices connections of one layer; null when the layer does not exist. */
  async edit(
    layer: number,
    indices: readonly number[],
    action: HandAction,
  ): Promise<HandTally | null> {
    const l = this.net.layers[layer];
    if (!l) return null;
    const r = await applyHandEdit(l, indices, action, { zeroCut: this.zeroCut });
    const n = r.changed.length;
    const verb = action === 'cut' ? 'cut' : 'spliced';
    if (n === 0) return this.tally(`Nothing to ${action} there: already ${verb}.`);
    const marks = this.marks[layer]!;
    this.undo.push({ undo: r.undo, action, marks: Array.from(r.changed, (i) => marks.get(i)) });
    for (const i of r.changed) marks.set(i, action);
    if (action === 'cut') this.cuts += n;
    else this.splices += n;
    const zeroed =
      action === 'cut' && this.zeroCut ? ' (weights set to 0, as the method does)' : '';
    return this.tally(
      `${verb[0]!.toUpperCase()}${verb.slice(1)} ${n} connection${n === 1 ? '' : 's'} of ${l.name} by hand${zeroed}.`,
    );
  }

  /** Takes the last edit back; null when there is none. */
  async undoLast(): Promise<HandTally | null> {
    const e = this.undo.pop();
    if (!e) return null;
    const l = this.net.layers[e.undo.layer]!;
    await restoreHandEdit(l, e.undo);
    const marks = this.marks[e.undo.layer]!;
    e.undo.indices.forEach((i, j) => {
      const m = e.marks[j];
      if (m) marks.set(i, m);
      else marks.delete(i);
    });
    const n = e.undo.indices.length;
    if (e.action === 'cut') this.cuts -= n;
    else this.splices -= n;
    return this.tally(
      `Undone: ${n} hand ${e.action === 'cut' ? 'cut' : 'splice'}${n === 1 ? '' : 's'} of ${l.name} put back.`,
    );
  }

  /**
   * Marks the connections still as the hand left them in a snapshot's cell states (HAND_CELL),
   * and forgets those the method changed since, counting them. Returns a tally when the method
   * undid a hand edit, else null.
   */
  observe(layers: readonly LayerView[]): HandTally | null {
    let back = 0;
    let recut = 0;
    layers.forEach((v, k) => {
      const marks = this.marks[k];
      const state = v.state;
      if (!marks || marks.size === 0 || !state) return;
      for (const [i, action] of marks) {
        const s = state[i];
        if (s === undefined) continue;
        const alive = s === CELL_STATE.alive || s === CELL_STATE.justSpliced;
        if (action === 'cut' && alive) {
          marks.delete(i);
          back++;
        } else if (action === 'splice' && !alive) {
          marks.delete(i);
          recut++;
        } else state[i] = action === 'cut' ? HAND_CELL.handCut : HAND_CELL.handSpliced;
      }
    });
    this.splicedBack += back;
    this.cutBack += recut;
    if (back === 0 && recut === 0) return null;
    const parts: string[] = [];
    if (back > 0)
      parts.push(
        `${this.methodName} spliced back ${back} connection${back === 1 ? '' : 's'} you cut by hand${this.byThreshold ? ': their |w| passed the splice threshold b' : ''}`,
      );
    if (recut > 0)
      parts.push(
        `${this.methodName} cut ${recut} connection${recut === 1 ? '' : 's'} you spliced by hand again`,
      );
    return this.tally(`${parts.join('; ')}.`);
  }
}

/** Hand surgery for a run of `method` on `net`: how a hand cut treats the weight follows the method. */
export function handSurgeryFor(method: string, net: Network): HandSurgery {
  const spec = getMethod(method);
  const zeroCut = spec.gradient === 'masked' && spec.prunedWeights !== 'keep';
  return new HandSurgery(
    net,
    zeroCut,
    spec.id === 'dns' ? 'DNS' : spec.title,
    spec.sparsity === 'threshold',
  );
}

/** Kept weights and biases per layer: one small readback. */
export async function keptPerLayer(net: Network): Promise<number[]> {
  const t = tf.tidy(() => tf.stack(net.layers.map((l) => keptCount(l))));
  const v = await t.data();
  t.dispose();
  return Array.from(v);
}
