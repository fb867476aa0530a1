import type { UploadSource } from '../../worker/upload/protocol';

/** Most files read from a dropped or picked folder (the image cap is 20,000). */
export const MAX_FOLDER_FILES = 25_000;

export type PickResult =
  | { readonly ok: true; readonly source: UploadSource }
  | { readonly ok: false; readonly message: string };

/** The parts of the File and Directory Entries API a drop needs (faked in tests). */
export interface DropEntry {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  readonly fullPath: string;
  file?(ok: (f: File) => void, fail?: (e: unknown) => void): void;
  createReader?(): {
    readEntries(ok: (es: DropEntry[]) => void, fail?: (e: unknown) => void): void;
  };
}

const WHAT = 'Drop one CSV, TSV or zip file, or a folder with one sub-folder per class.';

/** The dropped items as entries; must run inside the drop handler (items expire after it). */
export function dropEntries(dt: DataTransfer): { entries: (DropEntry | null)[]; files: File[] } {
  const items = [...dt.items].filter((i) => i.kind === 'file');
  return {
    entries: items.map((i) => (i.webkitGetAsEntry?.() as DropEntry | null) ?? null),
    files: [...dt.files],
  };
}

function fileOf(e: DropEntry): Promise<File> {
  return new Promise((ok, fail) => e.file!(ok, fail));
}

function readAll(e: DropEntry): Promise<DropEntry[]> {
  const reader = e.createReader!();
  const out: DropEntry[] = [];
  return new Promise((ok, fail) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) ok(out);
        else {
          out.push(...batch);
          next();
        }
      }, fail);
    next();
  });
}

/** Every file below the entries, with its path; stops past `max` files. */
async function walk(entries: readonly DropEntry[], max: number) {
  const files: { path: string; file: File }[] = [];
  const stack = [...entries];
  while (stack.length > 0 && files.length <= max) {
    const e = stack.pop()!;
    if (e.isDirectory && e.createReader) stack.push(...(await readAll(e)));
    else if (e.isFile && e.file)
      files.push({ path: e.fullPath.replace(/^\/+/, ''), file: await fileOf(e) });
  }
  return files;
}

const tooMany = (name: string, max: number) =>
  `${name} holds more than ${max.toLocaleString('en')} files; the lab takes at most 20,000 images. Upload a smaller sample.`;

/**
 * What a drop means: one file is a CSV/TSV/zip upload; folders (one, or several class folders
 * dropped together) are an image folder upload; several loose files are refused with a message.
 */
export async function sourceFromDrop(
  entries: readonly (DropEntry | null)[],
  files: readonly File[],
  max = MAX_FOLDER_FILES,
): Promise<PickResult> {
  const known = entries.filter((e): e is DropEntry => e !== null);
  const dirs = known.filter((e) => e.isDirectory);
  if (dirs.length === 0) {
    if (files.length === 1) return { ok: true, source: { kind: 'file', file: files[0]! } };
    if (files.length === 0) return { ok: false, message: `Nothing to upload was dropped. ${WHAT}` };
    return { ok: false, message: `You dropped ${files.length} files. ${WHAT}` };
  }
  const name = dirs.length === 1 ? dirs[0]!.name : dirs.map((d) => d.name).join(', ');
  try {
    const found = await walk(known, max);
    if (found.length > max) return { ok: false, message: tooMany(name, max) };
    return { ok: true, source: { kind: 'folder', name, files: found } };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `${name} could not be read (${why}). Pick the folder again.` };
  }
}

/** The files of a folder picker (`webkitdirectory`), with their relative paths. */
export function sourceFromFolderPick(list: readonly File[], max = MAX_FOLDER_FILES): PickResult {
  if (list.length === 0) return { ok: false, message: `The folder is empty. ${WHAT}` };
  const path = (f: File) => f.webkitRelativePath || f.name;
  const name = path(list[0]!).split('/')[0] || 'folder';
  if (list.length > max) return { ok: false, message: tooMany(name, max) };
  return {
    ok: true,
    source: { kind: 'folder', name, files: list.map((f) => ({ path: path(f), file: f })) },
  };
}

/** Starts the upload a drop stands for, or says why it cannot be one. Call it in the handler. */
export function takeDrop(
  dt: DataTransfer,
  start: (source: UploadSource) => void,
  refuse: (message: string) => void,
): void {
  const { entries, files } = dropEntries(dt); // now: the items expire after the event
  void sourceFromDrop(entries, files).then((r) => (r.ok ? start(r.source) : refuse(r.message)));
}
