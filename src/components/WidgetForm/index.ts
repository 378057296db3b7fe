// What the calculator and the generator share: form fields and their styles, the version
// buttons, the permalink, the URL state, the severity badge. The widgets import it from here
// only: one entry point lets the bundler join the pieces into a single module in each widget's
// chunk, rather than one module (and its overhead) per piece.
export {default as FieldError} from './FieldError';
export {default as PerVersion, type VersionBodyProps} from './PerVersion';
export {default as PermalinkInput} from './PermalinkInput';
export {default as SeverityBadge} from './SeverityBadge';
export {default as TextField} from './TextField';
export {default as VersionButtons} from './VersionButtons';
export {default as useQueryState} from './useQueryState';
export {default as useStatus} from './useStatus';
export {LinkLoading, linkStateLoading, linkStateShown} from './linkState';
export {default as formStyles} from './form.module.css';
export {default as severityStyles} from './severity.module.css';
