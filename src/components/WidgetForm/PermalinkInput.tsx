/** The read-only permalink, selected whole on focus so it copies in one go; its label is for screen readers. */
import React from 'react';
import formStyles from './form.module.css';

type Props = {id: string; label: string; url: string; ref?: React.Ref<HTMLInputElement>};

export default function PermalinkInput({id, label, url, ref}: Props): React.ReactElement {
  return (
    <>
      <label htmlFor={id} className={formStyles.srOnly}>
        {label}
      </label>
      <input id={id} ref={ref} className={formStyles.linkInput} readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
    </>
  );
}
