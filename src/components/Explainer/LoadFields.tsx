/**
 * The load fields of /explain: the reader's own peak, rate, cores and RAM. All may stay empty;
 * service capacity is judged only against what is filled in. Their state lives in the query
 * (load.ts), the pasted text in the #fragment.
 */
import React, {useId} from 'react';
import TextField from '../WidgetForm/TextField';
import formStyles from '../WidgetForm/form.module.css';
import {LOAD_FIELDS, LOAD_META, type LoadField, type LoadForm} from './load';
import styles from './styles.module.css';

type Props = {
  form: LoadForm;
  problems: Partial<Record<LoadField, string>>;
  onChange: (field: LoadField, value: string) => void;
};

export default function LoadFields({form, problems, onChange}: Props): React.ReactElement {
  const id = useId();
  return (
    <fieldset className={styles.load}>
      <legend className={formStyles.legend}>Your load (optional)</legend>
      <p id={`${id}-help`} className={styles.loadHelp}>
        Capacity, headroom, forks and process_min_avail are judged only against numbers you give here, for the
        services of IMAP, POP3, submission and ManageSieve clients. Left empty, the analysis shows what holds at any
        load.
      </p>
      <div className={formStyles.grid}>
        {LOAD_FIELDS.map((k) => (
          <TextField
            key={k}
            id={`${id}-${k}`}
            label={LOAD_META[k].label}
            shownLabel={LOAD_META[k].shown}
            value={form[k]}
            unit={LOAD_META[k].unit}
            unitNoWrap
            inputMode={LOAD_META[k].inputMode}
            maxLength={12}
            {...(problems[k] ? {error: problems[k]} : {})}
            onChange={(v) => onChange(k, v)}
          />
        ))}
      </div>
    </fieldset>
  );
}
