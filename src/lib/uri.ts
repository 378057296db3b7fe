/**
 * Percent-encoding that every decoder accepts. A stray `%` (`#z=abc%`) or escapes that are not
 * UTF-8 (`%E0%A4%A`) make `decodeURIComponent` throw; Docusaurus decodes the path and the fragment
 * on navigation without catching that, so such an address would crash the page. Repairing it
 * escapes exactly the broken `%` signs as `%25`: the address then decodes to the characters
 * that were typed, and every well-formed escape is kept. Pure: no DOM.
 */

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** A run of `%XX` escapes with every escape that starts no valid UTF-8 sequence made literal. */
function repairRun(run: string): string {
  const escapes = run.match(/%[0-9A-Fa-f]{2}/g) ?? [];
  let out = '';
  for (let i = 0; i < escapes.length; ) {
    let taken = 0;
    for (let n = Math.min(4, escapes.length - i); n >= 1; n--) {
      const seq = escapes.slice(i, i + n).join('');
      if (decodes(seq)) {
        out += seq;
        taken = n;
        break;
      }
    }
    if (taken === 0) {
      out += `%25${escapes[i].slice(1)}`;
      taken = 1;
    }
    i += taken;
  }
  return out;
}

/** `text` unchanged if it decodes; otherwise with its broken escapes made literal (`%` → `%25`). */
export function repairPercentEncoding(text: string): string {
  if (decodes(text)) return text;
  return text
    .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
    .replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => (decodes(run) ? run : repairRun(run)));
}
