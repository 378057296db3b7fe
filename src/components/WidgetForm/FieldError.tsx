/** A field's error under it: the sign is decoration, the text says what is wrong. */
import React from 'react';
import formStyles from './form.module.css';

export default function FieldError({id, children}: {id: string; children: React.ReactNode}): React.ReactElement {
  return (
    <p id={id} className={formStyles.error}>
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}
