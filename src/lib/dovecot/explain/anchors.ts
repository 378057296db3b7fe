/**
 * The anchors of /troubleshooting this tool links to, in one place. The page's headings carry
 * these ids (`## ... {#process-limit-reached}`); anchors.test.ts checks every id against
 * docs/troubleshooting.mdx once that page exists.
 */

export const TROUBLESHOOTING_PATH = '/troubleshooting';

export const TROUBLESHOOTING_ANCHORS = [
  'process-limit-reached',
  'client-limit-reached',
  'connection-queue-full',
  'auth-client-limit-warning',
  'anvil-client-limit-warning',
  'fd-limit',
  'process-min-avail-higher',
  'process-limit-must-be-1',
  'vsz-limit-too-low',
  'error-83-out-of-memory',
  'must-be-higher-than-0',
  'unknown-setting-service-count',
  'fork-failed',
  'startup-throttling',
  'ignoring-idle-sigint',
  'first-setting-must-be-dovecot-config-version',
  'dovecot-storage-version-must-be-set',
  'invalid-dovecot-config-version',
] as const;

export type TroubleshootingAnchor = (typeof TROUBLESHOOTING_ANCHORS)[number];

/** `/troubleshooting#fd-limit`. */
export function troubleshootingLink(anchor: TroubleshootingAnchor): string {
  return `${TROUBLESHOOTING_PATH}#${anchor}`;
}
