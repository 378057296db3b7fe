/**
 * The readers' text of each setting in the catalog: what it does, and what changed from 2.3 to
 * 2.4. Kept apart from the catalog's data so that widgets, which need the data but not the prose,
 * do not ship it; only the settings reference imports this module.
 */

export interface SettingProse {
  /** One paragraph in plain words; names in backticks. */
  readonly description: string;
  /** What changed from 2.3 to 2.4, if anything. */
  readonly changes?: string;
}

export const SETTING_PROSE: Readonly<Record<string, SettingProse>> = {
  name: {
    description:
      'The service\'s name, written after the `service` keyword. It identifies the block: writing a block with the name of a built-in service changes that service, and repeated blocks with the same name are merged.',
  },
  process_limit: {
    description:
      'The most processes of this service the master keeps running at once. When every process is busy and the limit is reached, new connections wait and the master logs that the limit was reached; login services then drop their oldest connection that has not logged in yet. Multiplied by client_limit it gives the most connections the service can hold.',
    changes: '2.3 treats 0 as "use default_process_limit"; 2.4 refuses 0 and takes the default from the global service_process_limit.',
  },
  client_limit: {
    description:
      'How many connections one process of the service handles at the same time. Services that serve one user per process (imap, pop3, submission, lmtp) default to 1; login processes, auth and anvil use the default of 1000. The value in force is capped by service_count / restart_request_count when that is lower. The master also wants the file descriptor limit (ulimit -n) to be at least the largest client_limit.',
    changes: '2.3 treats 0 as "use default_client_limit"; 2.4 refuses 0.',
  },
  restart_request_count: {
    description:
      'How many connections a process handles in its lifetime before it exits and the master starts a fresh one. 1 gives every connection its own new process, so nothing of one user can be left in memory for the next: the high-security login mode and the default for imap and pop3. A larger value or no limit lets a process be reused, which saves forks; it also caps client_limit, because a process never serves more clients at once than it may serve in total.',
    changes: 'Renamed from service_count to restart_request_count in 2.4. 2.3 writes 0 for "no limit"; 2.4 refuses 0 and needs `unlimited`. 2.4 has no automatic translation: the old name is an unknown setting.',
  },
  process_min_avail: {
    description:
      'How many processes the master keeps ready to take another connection, so a client does not wait for a fork. The master counts processes with at least one free client slot and forks only when there are fewer (service-monitor.c, service_monitor_start_extra_avail()): with one connection per process these are the idle ones, but a high-performance login process serving some of its client_limit connections still counts, so a busy process starts no fork. It must not exceed process_limit (doveconf stops with "process_min_avail is higher than process_limit"; 2.3 compares with the limit after 0 is replaced by the default). For long-running login processes the documentation suggests about one per CPU core; 2.4 can write `%{system:cpu_count}`, which doveconf expands on the machine that checks the file.',
  },
  vsz_limit: {
    description:
      'The most virtual memory (address space) one process of the service may use. A process that runs out exits with status 83 and the master logs an "Out of memory" line naming this setting. Values under 1 MiB (other than 2.3\'s 0) are refused. Long-running login processes that hold many TLS connections may need more than the default.',
    changes: 'In 2.3, 0 means no limit; in 2.4, 0 is "too low" and no limit is written `unlimited`.',
  },
  idle_kill_interval: {
    description:
      'An interval: at the end of each one the master asks as many idle processes to exit as stayed idle through the whole interval (less process_min_avail), so that a burst of processes shrinks back. That is its meaning since 2.3.21 and in 2.4, whose name says so. Dovecot up to 2.3.20, including Debian 12\'s 2.3.19.1, used the value as an idle timeout instead: each process idle that long in one stretch was asked to exit. auth-worker still uses it as its own idle timeout in every version: a worker with no request for that long exits. A process still there one interval after the request is logged as "ignoring idle SIGINT".',
    changes: 'Renamed from idle_kill to idle_kill_interval in 2.4; 0 became an error there and "never" is written `infinite` or `unlimited`.',
  },
  type: {
    description:
      'Tells the master what role the service plays. Empty is an ordinary service; `login` marks pre-authentication processes (the master tells them when all processes are full, and they count towards anvil\'s and auth\'s client_limit checks); `worker` marks helper pools such as auth-worker and indexer-worker; anvil, config and log are special internal services; `startup` makes the master start one process when Dovecot starts instead of at the first connection. Any other word stops doveconf with "Unknown service type".',
  },
  protocol: {
    description:
      'The protocol the service belongs to (imap, pop3, submission, lmtp, or sieve for ManageSieve). A service whose protocol is not listed in `protocols` is not started, and doveconf skips its per-service checks. Services with an empty protocol (auth, anvil, log, ...) always run.',
  },
  executable: {
    description:
      'The program the master starts for the service, with optional arguments (auth-worker runs `auth -w`, health-check runs a script).',
  },
  user: {
    description:
      'The system user the service\'s processes run as. Login processes run as the unprivileged default_login_user, internal services as default_internal_user; mail processes such as imap leave it empty because they switch to the logged-in user.',
    changes: 'References to the default users are written `$default_login_user` in 2.3 and `$SET:default_login_user` in 2.4.',
  },
  group: {
    description:
      'The primary system group of the service\'s processes. Empty keeps the group that comes with the user.',
  },
  extra_groups: {
    description:
      'Additional system groups the processes get. Mail processes (imap, pop3, lmtp, submission, doveadm) are given the internal group by default so they can reach internal sockets.',
    changes: 'A space-separated string in 2.3, a boollist in 2.4.',
  },
  privileged_group: {
    description:
      'A group the process may switch to temporarily when it needs extra rights (for example to write a mail spool owned by a group). Empty for every built-in service.',
  },
  chroot: {
    description:
      'A directory the processes are confined to, relative to base_dir. Login services use `login` (imap-urlauth-login uses `token-login`), so a compromised login process sees almost nothing of the file system: only the sockets of the services login processes talk to (auth, the mail service of each protocol for the handover, dns-client, stats-writer; in 2.3 also ipc-proxy and director). Empty means no chroot.',
  },
  drop_priv_before_exec: {
    description:
      'When yes, the process gives up root before the program is executed rather than after it starts. It cannot be combined with chroot (doveconf refuses the pair). health-check is the only built-in service that sets it.',
  },
  unix_listener: {
    description:
      'A UNIX socket the service accepts connections on, written `unix_listener PATH { }` inside the service. A relative path is under base_dir.',
  },
  fifo_listener: {
    description:
      'A named pipe (FIFO) the service reads from, written `fifo_listener PATH { }`. Only some 2.3 services (aggregator, director, old-stats) have one by default.',
  },
  inet_listener: {
    description:
      'A TCP port the service listens on, written `inet_listener NAME { port = ... }`. Login services have one per port (imap 143 and imaps 993, pop3 110 and pop3s 995, submission 587, 2.4 also submissions 465, sieve 4190).',
  },
  unix_listener_path: {
    description:
      'The socket\'s path, written after `unix_listener`. Relative paths are under base_dir; writing base_dir in front of it draws a warning.',
  },
  unix_listener_mode: {
    description:
      'File permissions of the socket, in octal. Sockets that other processes or users must reach are 0660 or 0666.',
  },
  unix_listener_user: {
    description:
      'Owner of the socket. Empty keeps the owner the master creates it with.',
  },
  unix_listener_group: {
    description:
      'Group of the socket; together with mode it decides who may connect.',
  },
  unix_listener_type: {
    description:
      '2.4 only: tells the service what kind of client connects through this socket (auth has `auth`, `login`, `master`, `userdb`; mail services have `admin` sockets named srv.SERVICE/%{pid}).',
  },
  fifo_listener_path: {
    description:
      'The FIFO\'s path, written after `fifo_listener`. Relative paths are under base_dir; writing base_dir in front of it draws a warning.',
  },
  fifo_listener_mode: {
    description:
      'File permissions of the FIFO, in octal. Sockets that other processes or users must reach are 0660 or 0666.',
  },
  fifo_listener_user: {
    description:
      'Owner of the FIFO. Empty keeps the owner the master creates it with.',
  },
  fifo_listener_group: {
    description:
      'Group of the FIFO; together with mode it decides who may connect.',
  },
  fifo_listener_type: {
    description:
      '2.4 only: tells the service what kind of client connects through this FIFO (auth has `auth`, `login`, `master`, `userdb`; mail services have `admin` sockets named srv.SERVICE/%{pid}).',
  },
  inet_listener_name: {
    description:
      'The listener\'s name, written after `inet_listener` (imap, imaps, pop3, ...). The name only identifies the block; the port is set separately.',
  },
  inet_listener_port: {
    description:
      'The TCP port. Port 0 disables the listener, which is the usual way to switch off e.g. imaps. Two listeners on the same port and address stop doveconf with "duplicate listener".',
  },
  inet_listener_address: {
    description:
      '2.3 only: the addresses this listener binds to; empty uses the global `listen`. 2.4 removed it: write `listen = ...` inside the inet_listener block instead.',
    changes: 'Removed in 2.4 (an unknown setting there); use `listen` inside the listener.',
  },
  inet_listener_ssl: {
    description:
      'When yes, TLS starts immediately on connect (imaps, pop3s, submissions) instead of by STARTTLS.',
  },
  inet_listener_haproxy: {
    description:
      'When yes, connections must start with a HAProxy PROXY header, which tells Dovecot the real client address; only hosts in haproxy_trusted_networks may send it.',
  },
  inet_listener_reuse_port: {
    description:
      'When yes, the listening socket is opened with SO_REUSEPORT, letting the kernel spread new connections over the service\'s processes.',
  },
  inet_listener_type: {
    description:
      '2.4 only: the kind of client this listener is for, as with unix_listener type. Empty for every built-in inet listener.',
  },
  default_process_limit: {
    description:
      'The process_limit of every service that does not set its own. In 2.3 a service\'s process_limit of 0 points here; in 2.4 it feeds the global service_process_limit, which services inherit.',
  },
  default_client_limit: {
    description:
      'The client_limit of every service that does not set its own (login services, auth, anvil, ...). In 2.4 it feeds service_client_limit.',
  },
  default_vsz_limit: {
    description:
      'The vsz_limit of every service that does not set its own. In 2.4 it feeds service_vsz_limit. (Dovecot Pro builds use 1G; Debian\'s builds use 256 M.)',
  },
  default_idle_kill_interval: {
    description:
      'The idle_kill (2.3) / idle_kill_interval (2.4) of every service that does not set its own.',
    changes: 'Renamed from default_idle_kill to default_idle_kill_interval in 2.4; the old name is an unknown setting there.',
  },
  default_login_user: {
    description:
      'The unprivileged user login processes run as. It should own nothing and be used for nothing else. doveconf stops if the user does not exist.',
  },
  default_internal_user: {
    description:
      'The user internal services (auth, anvil, dict, stats, ...) run as and that owns many internal sockets. doveconf stops if the user does not exist.',
  },
  default_internal_group: {
    description:
      'The group of internal sockets and the extra group mail processes get, so they can talk to internal services.',
  },
  protocols: {
    description:
      'Which protocols the server offers (imap, pop3, submission, lmtp, sieve). Services of protocols not listed here are not started, and doveconf skips their checks, so a configuration must list its protocols for a check to mean anything. A word no service provides stops doveconf with "Unknown protocol".',
  },
  listen: {
    description:
      'Addresses the inet listeners bind to: `*` is every IPv4 address, `::` every IPv6 address. 2.4 also accepts it inside an inet_listener block, replacing 2.3\'s per-listener address.',
  },
  mail_max_userip_connections: {
    description:
      'How many connections one user may have open from one IP address at the same time. It limits users, not processes, but it decides how many mail processes one busy user can occupy.',
  },
  shutdown_clients: {
    description:
      'Whether the processes of the old configuration are stopped when the master goes away or reloads. With yes (the default) the master sends them SIGTERM six seconds after `doveadm reload` and at shutdown, so every IMAP and POP3 session ends and its client reconnects; with no, a reload leaves running sessions alone with the configuration they started with.',
  },
  login_proxy_max_disconnect_delay: {
    description:
      'On a proxy: when a backend goes away and its proxied clients must be disconnected, spread the disconnections over up to this many seconds instead of dropping them all at once, so that they do not all reconnect in the same second. 0 (the default) disconnects them at once.',
  },
  login_access_sockets: {
    description:
      '2.3 only: sockets a login process asks before accepting a client (the tcpwrap service answers them). 2.4 removed it together with the tcpwrap service.',
    changes: 'Removed in 2.4 (unknown setting there).',
  },
  auth_cache_size: {
    description:
      'Memory for the authentication cache, which keeps the results of passdb and userdb lookups so repeated logins do not hit the database. Only drivers with a cache key use it (sql, ldap, passwd, pam with cache_key=, …); passwd-file and static have none and are never cached. Give it a unit (10M). 2.3 reads a bare number as megabytes with an "Obsolete setting" warning; 2.4 reads it as bytes and refuses anything under 1 KiB.',
    changes: 'Name and default unchanged; 2.4 refuses 1 to 1023 bytes ("auth_cache_size value is too small").',
  },
  auth_cache_ttl: {
    description:
      'How long a cached answer stays valid. Expired entries are still used if the database cannot be reached. A wrong password checked against an entry whose last login succeeded makes auth ask the database again, so a password change is noticed; a wrong password is cached too, as the same entry marked as failed.',
  },
  auth_cache_negative_ttl: {
    description:
      'How long a cached "user unknown" answer stays valid. It also ends the trust in a failed login: once an entry is older than this, a wrong password checked against it makes auth ask the database again. Until then, an entry whose last login failed answers every attempt itself, so a user who tried a new password before the database had it stays locked out until this TTL (or auth_cache_ttl, if shorter) has passed since the entry was written. 0 disables negative caching.',
  },
  auth_cache_verify_password_with_worker: {
    description:
      'When yes, checking a password against a hash taken from the cache is done by auth-worker processes, so the single auth process is not blocked by an expensive hash scheme such as SHA512-CRYPT or BLF-CRYPT. The check itself costs the same CPU, plus a round trip to a worker; it pays off when the auth process is the bottleneck and other cores are free.',
  },
  auth_worker_max_count: {
    description:
      '2.3 only: how many auth-worker processes auth runs at most for blocking lookups. 2.4 removed it; the cap there is `service auth-worker { process_limit }`, whose default became 30.',
    changes: 'Removed in 2.4; use service auth-worker { process_limit = N }.',
  },
  passdb_use_cache: {
    description:
      '2.4 only: whether this passdb\'s results go through the authentication cache (when the cache is on at all).',
  },
  passdb_use_worker: {
    description:
      '2.4 only: whether this passdb is queried from auth-worker processes instead of the auth process itself; blocking drivers such as pam and passwd default to yes.',
  },
  userdb_use_cache: {
    description:
      '2.4 only: whether this userdb\'s results go through the authentication cache.',
  },
  userdb_use_worker: {
    description:
      '2.4 only: whether this userdb is queried from auth-worker processes.',
  },
  dovecot_config_version: {
    description:
      '2.4 only: the Dovecot version the file was written for. It must be the first setting, and it selects the defaults of that version, so newer releases do not change a tested configuration behind its back: with 2.4.0, lmtp keeps restart_request_count = unlimited; with 2.4.1 it is 1.',
  },
  dovecot_storage_version: {
    description:
      '2.4 only: the oldest Dovecot version that must still be able to read the mail files this server writes. Required; doveconf stops without it.',
  },
};
