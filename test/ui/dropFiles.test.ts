import { describe, expect, it } from 'vitest';
import type { DropEntry } from '../../src/ui/upload/dropFiles';
import { sourceFromDrop, sourceFromFolderPick } from '../../src/ui/upload/dropFiles';

const file = (name: string, path = name) =>
  Object.assign(new File(['x'], name), { webkitRelativePath: path }) as File;

function fileEntry(fullPath: string): DropEntry {
  const name = fullPath.split('/').pop()!;
  return { isFile: true, isDirectory: false, name, fullPath, file: (ok) => ok(file(name)) };
}

/** A directory whose reader hands out its children two at a time, like Chromium's batches. */
function dirEntry(fullPath: string, children: DropEntry[]): DropEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split('/').pop()!,
    fullPath,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          at += 2;
          ok(children.slice(at - 2, at));
        },
      };
    },
  };
}

const pets = dirEntry('/pets', [
  dirEntry('/pets/cat', [fileEntry('/pets/cat/1.png'), fileEntry('/pets/cat/2.png')]),
  dirEntry('/pets/dog', [
    fileEntry('/pets/dog/1.png'),
    fileEntry('/pets/dog/2.png'),
    fileEntry('/pets/dog/3.png'),
  ]),
]);

describe('sourceFromDrop', () => {
  it('takes one dropped file as a file upload', async () => {
    const f = file('iris.csv');
    expect(await sourceFromDrop([null], [f])).toEqual({
      ok: true,
      source: { kind: 'file', file: f },
    });
  });

  it('walks a dropped folder into paths below it', async () => {
    const r = await sourceFromDrop([pets], []);
    if (!r.ok || r.source.kind !== 'folder') throw new Error('not a folder');
    expect(r.source.name).toBe('pets');
    expect(r.source.files.map((f) => f.path).sort()).toEqual([
      'pets/cat/1.png',
      'pets/cat/2.png',
      'pets/dog/1.png',
      'pets/dog/2.png',
      'pets/dog/3.png',
    ]);
  });

  it('takes several class folders dropped together', async () => {
    const [cat, dog] = [
      dirEntry('/cat', [fileEntry('/cat/1.png')]),
      dirEntry('/dog', [fileEntry('/dog/1.png')]),
    ];
    const r = await sourceFromDrop([cat!, dog!], []);
    expect(r).toMatchObject({ ok: true, source: { kind: 'folder', name: 'cat, dog' } });
  });

  it('refuses several loose files, nothing at all, and folders past the cap', async () => {
    expect(await sourceFromDrop([null, null], [file('a.csv'), file('b.csv')])).toEqual({
      ok: false,
      message:
        'You dropped 2 files. Drop one CSV, TSV or zip file, or a folder with one sub-folder per class.',
    });
    expect(await sourceFromDrop([], [])).toMatchObject({ ok: false });
    const r = await sourceFromDrop([pets], [], 3);
    expect(r).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^pets holds more than 3 files/),
    });
  });

  it('says which folder could not be read', async () => {
    const broken: DropEntry = {
      ...dirEntry('/x', []),
      createReader: () => ({ readEntries: (_ok, fail) => fail?.(new Error('NotReadableError')) }),
    };
    expect(await sourceFromDrop([broken], [])).toEqual({
      ok: false,
      message: 'x could not be read (NotReadableError). Pick the folder again.',
    });
  });
});

describe('sourceFromFolderPick', () => {
  it('names the folder after the first path segment and keeps relative paths', () => {
    const r = sourceFromFolderPick([
      file('1.png', 'pets/cat/1.png'),
      file('2.png', 'pets/dog/2.png'),
    ]);
    expect(r).toMatchObject({
      ok: true,
      source: {
        kind: 'folder',
        name: 'pets',
        files: [{ path: 'pets/cat/1.png' }, { path: 'pets/dog/2.png' }],
      },
    });
    expect(sourceFromFolderPick([])).toMatchObject({ ok: false });
  });
});
