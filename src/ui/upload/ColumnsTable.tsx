import type { ColumnReport, ColumnRole, CsvReport } from '../../core/data/upload/types';
import { useLab } from '../../state/store';
import type { UploadChoices } from '../../worker/upload/protocol';

const ROLES: readonly { value: ColumnRole; label: string }[] = [
  { value: 'auto', label: 'auto' },
  { value: 'numeric', label: 'number' },
  { value: 'categorical', label: 'category' },
  { value: 'ignore', label: 'ignore' },
];

const DROPPED: Record<NonNullable<ColumnReport['dropReason']>, string> = {
  ignored: 'ignored by you',
  empty: 'no values',
  'mostly-missing': 'mostly missing',
  constant: 'the same in every row',
  'row-index': 'a row index',
  'too-many-categories': 'too many categories',
};

const num = (v: number) =>
  Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0)
    ? v.toExponential(2)
    : String(+v.toPrecision(4));

/** What became of a column: its range, or its categories, or why it is not used. */
function detail(c: ColumnReport): string {
  if (c.role === 'label') return 'the class to predict';
  if (c.role === 'dropped') return `not used: ${c.dropReason ? DROPPED[c.dropReason] : 'dropped'}`;
  if (c.numeric) {
    const n = c.numeric;
    return `${num(n.min)} … ${num(n.max)} (mean ${num(n.mean)}, sd ${num(n.std)}; standardised)`;
  }
  const k = c.categories?.length ?? 0;
  return `${k} categories, one-hot: ${(c.categories ?? [])
    .slice(0, 4)
    .map((x) => x.name)
    .join(', ')}${k > 4 ? ', …' : ''}`;
}

/** The CSV's columns: role (which the user can change), range or categories, missing values. */
export function ColumnsTable(props: {
  report: CsvReport;
  choices: UploadChoices;
  disabled: boolean;
}) {
  const reparse = useLab((s) => s.reparse);
  const roles = props.choices.csv?.columns ?? {};
  const setRole = (name: string, role: ColumnRole) => {
    const columns = { ...roles, [name]: role };
    if (role === 'auto') delete columns[name];
    reparse({ ...props.choices, csv: { ...props.choices.csv, columns } });
  };
  return (
    <>
      <h3>Columns ({props.report.columns.length})</h3>
      <div className="columns-box">
        <table className="columns-table" data-testid="upload-columns">
          <thead>
            <tr>
              <th>Column</th>
              <th>Use as</th>
              <th>Values</th>
              <th className="num">Missing</th>
            </tr>
          </thead>
          <tbody>
            {props.report.columns.map((c) => (
              <tr key={c.index} className={c.role === 'dropped' ? 'is-dropped' : ''}>
                <td className="col-name" title={c.name}>
                  {c.name}
                </td>
                <td>
                  {c.role === 'label' ? (
                    <strong>label</strong>
                  ) : (
                    <select
                      aria-label={`Use column ${c.name} as`}
                      value={roles[c.name] ?? 'auto'}
                      disabled={props.disabled}
                      onChange={(e) => setRole(c.name, e.target.value as ColumnRole)}
                    >
                      {ROLES.map((r) => (
                        <option key={r.value} value={r.value}>
                          {r.value === 'auto' && c.role !== 'dropped'
                            ? `auto: ${c.role === 'numeric' ? 'number' : 'category'}`
                            : r.label}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                <td>{detail(c)}</td>
                <td className="num">{c.missing > 0 ? c.missing : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
