/**
 * A text input with its label, unit, hint and error, each tied to the input (aria-describedby),
 * so a screen reader reads the unit and the problem with the field.
 */
import React from 'react';
import clsx from 'clsx';
import FieldError from './FieldError';
import formStyles from './form.module.css';

type Props = {
  id: string;
  /** The field's name; with `shownLabel`, for screen readers only. */
  label: React.ReactNode;
  /** A shorter label to show where the surroundings say the rest ("peak concurrent"). */
  shownLabel?: React.ReactNode;
  value: string;
  placeholder?: string;
  unit: string;
  /** Keep the unit on one line (a unit that reads as one phrase). */
  unitNoWrap?: boolean;
  hint?: React.ReactNode;
  error?: string;
  inputMode: 'numeric' | 'decimal' | 'text';
  maxLength: number;
  disabled?: boolean;
  onChange: (value: string) => void;
};

export default function TextField({
  id,
  label,
  shownLabel,
  value,
  placeholder,
  unit,
  unitNoWrap,
  hint,
  error,
  inputMode,
  maxLength,
  disabled,
  onChange,
}: Props): React.ReactElement {
  const describedBy = [`${id}-unit`, hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={formStyles.field}>
      <label htmlFor={id} className={shownLabel ? formStyles.srOnly : formStyles.label}>
        {label}
      </label>
      {shownLabel ? (
        <span className={formStyles.label} aria-hidden="true">
          {shownLabel}
        </span>
      ) : null}
      <div className={formStyles.inputRow}>
        <input
          id={id}
          className={formStyles.input}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          maxLength={maxLength}
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
        <span id={`${id}-unit`} className={clsx(formStyles.unit, unitNoWrap && formStyles.unitNoWrap)}>
          {unit}
        </span>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className={formStyles.hint}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
    </div>
  );
}
