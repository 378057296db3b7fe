/**
 * Attributes of a fenced code block's meta string (` ```dovecot title="…" version=2.4 load="3000 tls" `):
 * `name="quoted value"` or `name=word`. Shared by the tests that read the wiki's blocks and the
 * build-time plugins that annotate them.
 */
export function metaAttr(meta: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}=(?:"([^"]*)"|(\\S+))`).exec(meta);
  return m ? (m[1] ?? m[2]) : null;
}
