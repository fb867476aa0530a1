import type { SettingInfo } from '../../core/pruning/settings';
import { withinBounds } from '../../core/pruning/settings';
import { ListField } from '../compare/ListField';
import { NumberField } from './NumberField';
import { SETTING_TERMS } from '../glossary';
import { Term } from '../Term';
import { OPTION_LABELS, SETTING_LABELS } from './settingLabels';

/** One method setting, edited as its schema declares: number, per-layer numbers, list, choice, switch. */
export function SettingField(props: {
  setting: SettingInfo;
  value: unknown;
  /** Layer names, for per-layer settings. */
  layers: readonly string[];
  onChange(v: unknown): void;
}) {
  const { setting: s, value, layers } = props;
  const known = SETTING_LABELS[s.key] ?? { label: s.key };
  // The label explains itself on hover and focus where the glossary has the idea behind it.
  const meta = {
    ...known,
    label: <Term terms={SETTING_TERMS[s.key] ?? []}>{known.label}</Term>,
  };
  const ok = (v: number) => withinBounds(s, v);
  if (s.kind === 'boolean')
    return (
      <label className="check">
        <input
          type="checkbox"
          data-testid={`setting-${s.key}`}
          checked={value === true}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        {meta.label}
      </label>
    );
  if (s.kind === 'choice')
    return (
      <label className="field">
        <span className="field-label">{meta.label}</span>
        <select
          data-testid={`setting-${s.key}`}
          value={String(value)}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {(s.options ?? []).map((o) => (
            <option key={o} value={o}>
              {OPTION_LABELS[s.key]?.[o] ?? o}
            </option>
          ))}
        </select>
        {meta.hint && <span className="field-hint">{meta.hint}</span>}
      </label>
    );
  if (s.kind === 'number' || s.kind === 'integer')
    return typeof value === 'number' ? (
      <NumberField
        label={meta.label}
        value={value}
        integer={s.kind === 'integer'}
        check={ok}
        hint={meta.hint}
        testId={`setting-${s.key}`}
        onChange={props.onChange}
      />
    ) : null;
  const list = Array.isArray(value) && value.every((x) => typeof x === 'number') ? value : null;
  if (!list) return null;
  if (s.perLayer && list.length === layers.length)
    return (
      <div className="per-layer">
        <span className="field-label">{meta.label} per layer</span>
        <div className="per-layer-row">
          {layers.map((name, k) => (
            <NumberField
              key={name}
              label={name}
              value={list[k] as number}
              check={ok}
              testId={`${s.key}-${k}`}
              onChange={(v) => props.onChange(list.map((x, j) => (j === k ? v : x)))}
            />
          ))}
        </div>
        {meta.hint && <span className="field-hint">{meta.hint}</span>}
      </div>
    );
  return (
    <ListField
      label={meta.label}
      values={list as number[]}
      accept={ok}
      onChange={props.onChange}
      hint={meta.hint ?? 'numbers, separated by commas'}
      testId={`setting-${s.key}`}
    />
  );
}
