/**
 * Setting names that 2.4 releases after 2.4.1 added, with the first release that has each. The
 * explainer's doveconf is 2.4.1, which stops at them with `NAME: Unknown setting: NAME`; a config
 * written for 2.4.2 or later (`dovecot_config_version = 2.4.3`) meets that error on a 2.4.1 server.
 * Taken from the settings definitions (DEF(...) / SETTING_DEFINE_STRUCT_... lines) of each tag
 * compared with 2.4.1's:
 *   2.4.2 https://github.com/dovecot/core/tree/2.4.2/src
 *     imap4rev2_enable                      imap-login/imap-login-settings.c, imap/imap-settings.c
 *     acl_dict_index                        plugins/acl/acl-settings.c
 *     auth_master_socket_path               lib-master/master-service-settings.c
 *     dns_client_timeout                    lib-dns-client/dns-client-settings.c
 *     oauth2_token_expire_grace             auth/db-oauth2.c
 *     ssl_peer_certificate_fingerprint_hash lib-ssl-iostream/ssl-settings.c
 *   2.4.3 https://github.com/dovecot/core/tree/2.4.3/src
 *     mailbox_list_normalize_names_to_nfc   lib-storage/mail-storage-settings.c
 *     sqlite_synchronous                    lib-sql/driver-sqlite.c
 *   2.4.4 https://github.com/dovecot/core/tree/2.4.4/src
 *     service_reuse_port                    master/master-settings.c (`reuse_port` in service { })
 * Left out: imap_compress_on_proxy (new in 2.4.2's source, yet Debian's 2.4.1 build knows it).
 * tests/doveconf/version-names.test.ts checks every name against the real 2.4.1 and 2.3 binaries.
 */
export const NAMES_AFTER_241: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    imap4rev2_enable: '2.4.2',
    acl_dict_index: '2.4.2',
    auth_master_socket_path: '2.4.2',
    dns_client_timeout: '2.4.2',
    oauth2_token_expire_grace: '2.4.2',
    ssl_peer_certificate_fingerprint_hash: '2.4.2',
    mailbox_list_normalize_names_to_nfc: '2.4.3',
    sqlite_synchronous: '2.4.3',
    service_reuse_port: '2.4.4',
  }),
);

/** The release that added `name` after 2.4.1, if it is one of them (own keys only). */
export function addedAfter241(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(NAMES_AFTER_241, name) ? NAMES_AFTER_241[name] : undefined;
}
