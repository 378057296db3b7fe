/**
 * A widget's part that on a phone starts more than two and a half screens down carries this class, and on
 * phone widths (up to BELOW_FOLD_MAX_WIDTH CSS pixels, src/css/custom.css) the browser lays it out only when
 * the reader comes near (`content-visibility: auto`), as it does the far blocks of a long page
 * (src/lib/farBlocks.ts). On /calculator that leaves the first frame a third of its boxes; each such part
 * declares a typical height of its own in `--dv-below-height` for the placeholder. Which parts carry it is
 * decided in each widget, by where the part sits on a phone; tests/e2e/below-fold.spec.ts measures that
 * every one of them starts below the first two and a half screens at common phone sizes.
 */
export const BELOW_FOLD = 'dv-below';

/** The widest screen (CSS pixels) on which such parts are laid out lazily: the media query in custom.css. */
export const BELOW_FOLD_MAX_WIDTH = 480;
