import { unzipSync } from 'fflate';

/** A run file as the worker checks it: JSON text and (for runs) the checkpoint bytes. */
export interface ImportFiles {
  /** What the user chose, for messages ("run.zip", "a.json + a.ckpt"). */
  readonly label: string;
  readonly json: string;
  readonly checkpoint: Uint8Array | null;
}

/** Past these sizes a file is refused unread (a run file of LeNet-5 is a few MB). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

export interface NamedBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const isJson = (n: string) => /\.json$/i.test(n);
const isCkpt = (n: string) => /\.ckpt$/i.test(n);
const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** The .json and .ckpt entries of a zip; entries past the size limits are refused unread. */
function unzipRun(z: NamedBytes): NamedBytes[] {
  let out: Record<string, Uint8Array>;
  try {
    out = unzipSync(z.bytes, {
      filter: (f) => {
        const base = f.name.split('/').pop() ?? '';
        if (!isJson(base) && !isCkpt(base)) return false;
        if (f.originalSize > (isJson(base) ? MAX_JSON_BYTES : MAX_IMPORT_BYTES))
          throw new Error(`${base} in the zip is too large (${f.originalSize} bytes)`);
        return true;
      },
    });
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    throw new Error(`${z.name} is not a readable zip (${m})`);
  }
  return Object.entries(out).map(([name, bytes]) => ({
    name: name.split('/').pop() ?? name,
    bytes,
  }));
}

/**
 * Picks the run JSON and its checkpoint from what the user dropped or chose: a .json (a run file
 * or an exported config) with its .ckpt, or a zip of both. Throws one line saying what is missing.
 */
export function pickImport(files: readonly NamedBytes[]): ImportFiles {
  if (files.length === 0) throw new Error('no file was chosen');
  const total = files.reduce((s, f) => s + f.bytes.byteLength, 0);
  if (total > MAX_IMPORT_BYTES)
    throw new Error(`the files are too large to be a run (${total} bytes)`);
  const label = files.map((f) => f.name).join(' + ');
  const flat = files.flatMap((f) => (isZip(f.bytes) ? unzipRun(f) : [f]));
  const jsons = flat.filter((f) => isJson(f.name));
  const ckpts = flat.filter((f) => isCkpt(f.name));
  const unknown = flat.filter((f) => !isJson(f.name) && !isCkpt(f.name));
  if (jsons.length === 0)
    throw new Error(
      unknown.length > 0
        ? `${label}: expected a run file (.json with its .ckpt, or a zip of both) or an exported config`
        : `${label}: the run's .json is missing (a run file is the .json with its .ckpt)`,
    );
  if (jsons.length > 1)
    throw new Error(`${label}: choose one run at a time (found ${jsons.length} .json files)`);
  const json = jsons[0]!;
  if (json.bytes.byteLength > MAX_JSON_BYTES)
    throw new Error(`${json.name} is too large for a run file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(json.bytes);
  } catch {
    throw new Error(`${json.name} is not UTF-8 text`);
  }
  const stem = json.name.replace(/\.json$/i, '');
  const ckpt =
    ckpts.find((c) => text.includes(JSON.stringify(c.name))) ??
    ckpts.find((c) => c.name.replace(/\.ckpt$/i, '') === stem) ??
    (ckpts.length === 1 ? ckpts[0] : undefined);
  return { label, json: text, checkpoint: ckpt?.bytes ?? null };
}

/** Reads browser files (from a drop or a file input) into bytes. */
export async function readFiles(list: readonly File[]): Promise<NamedBytes[]> {
  const total = list.reduce((s, f) => s + f.size, 0);
  if (total > MAX_IMPORT_BYTES)
    throw new Error(`the files are too large to be a run (${total} bytes)`);
  return Promise.all(
    list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}
