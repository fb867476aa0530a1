import type { Delimiter } from '../../core/data/upload/types';
import type { UploadDraft } from '../../state/slices/upload';
import { useLab } from '../../state/store';
import type { CsvChoices, ImageChoices } from '../../worker/upload/protocol';
import { NumberField } from '../controls/NumberField';

const DELIMITERS: readonly { value: Delimiter | 'auto'; label: string }[] = [
  { value: 'auto', label: 'detect' },
  { value: ',', label: 'comma ,' },
  { value: ';', label: 'semicolon ;' },
  { value: '\t', label: 'tab' },
  { value: '|', label: 'bar |' },
];

/** Square input sizes offered for images (the parser takes 4 to 256). */
export const IMAGE_SIZES = [8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 96, 128] as const;

/** The choices a parse depends on; changing one parses the upload again. */
export function PreviewOptions({ draft }: { draft: UploadDraft }) {
  const reparse = useLab((s) => s.reparse);
  if (!draft.kind) return null;
  const c = draft.choices;
  const off = !draft.source;
  const csv = (patch: CsvChoices) => reparse({ ...c, csv: { ...c.csv, ...patch } });
  const image = (patch: ImageChoices) => reparse({ ...c, image: { ...c.image, ...patch } });
  const report = draft.result?.report;
  return (
    <div className="upload-options" data-testid="upload-options">
      {draft.kind === 'csv' ? (
        <>
          <label className="field">
            <span className="field-label">Label column</span>
            <select
              data-testid="upload-label-column"
              disabled={off || !draft.columns}
              value={
                c.csv?.labelColumn ??
                (report?.kind === 'csv' ? report.label.column : (draft.columns?.at(-1) ?? ''))
              }
              onChange={(e) => {
                // The label has no role of its own: keep the other columns' roles.
                const { [e.target.value]: _label, ...columns } = c.csv?.columns ?? {};
                csv({ labelColumn: e.target.value, columns });
              }}
            >
              {(draft.columns ?? []).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Delimiter</span>
            <select
              data-testid="upload-delimiter"
              disabled={off}
              value={c.csv?.delimiter ?? 'auto'}
              onChange={(e) => csv({ delimiter: e.target.value as Delimiter | 'auto' })}
            >
              {DELIMITERS.map((d) => (
                <option key={d.label} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">First row</span>
            <select
              data-testid="upload-header"
              disabled={off}
              value={String(c.csv?.header ?? 'auto')}
              onChange={(e) => {
                const v = e.target.value;
                csv({ header: v === 'auto' ? 'auto' : v === 'true' });
              }}
            >
              <option value="auto">detect</option>
              <option value="true">is a header</option>
              <option value="false">is data</option>
            </select>
          </label>
        </>
      ) : (
        <>
          <label className="field">
            <span className="field-label">Image size</span>
            <select
              data-testid="upload-size"
              disabled={off}
              value={c.image?.size ?? 28}
              onChange={(e) => image({ size: Number(e.target.value) })}
            >
              {IMAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}×{n}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Colour</span>
            <select
              data-testid="upload-color"
              disabled={off}
              value={c.image?.color ?? 'auto'}
              onChange={(e) => image({ color: e.target.value as ImageChoices['color'] })}
            >
              <option value="auto">
                detect
                {report?.kind === 'images'
                  ? ` (${report.color === 'rgb' ? 'RGB' : 'grayscale'})`
                  : ''}
              </option>
              <option value="grayscale">grayscale</option>
              <option value="rgb">RGB</option>
            </select>
          </label>
        </>
      )}
      {off ? (
        <p className="field-hint options-note">
          The original file is not kept in this browser (it was too large, or its saved copy is
          gone), so these cannot change: upload the file again to parse it differently.
        </p>
      ) : (
        <NumberField
          label="Split seed"
          value={c.seed ?? 1}
          min={0}
          max={2 ** 32 - 1}
          integer
          testId="upload-seed"
          onChange={(seed) => reparse({ ...c, seed })}
        />
      )}
    </div>
  );
}
