/** A labelled checkbox: the label is the whole clickable text. */
import React from 'react';
import formStyles from './form.module.css';

export default function Check({id, checked, onChange, children, describedBy, invalid, disabled}: {
  id: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  children: React.ReactNode;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
}): React.ReactElement {
  return (
    <div className={formStyles.check}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{children}</label>
    </div>
  );
}
