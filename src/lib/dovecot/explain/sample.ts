/**
 * The built-in example: a 2.3 `doveconf -n` excerpt and the log lines of a busy morning, as
 * people paste them on the mailing list. The page renders its analysis at build time (so it is
 * there without JavaScript) and offers it as "Try the example".
 */
export const SAMPLE_TEXT = `# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf
# Pigeonhole version 0.5.19 (4eae2f79)
protocols = " imap pop3"
auth_worker_max_count = 10
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 143
  }
  process_min_avail = 4
  service_count = 0
  vsz_limit = 1G
}
service imap {
  process_limit = 2048
  service_count = 0
  vsz_limit = 0
}
service auth {
  client_limit = 1000
}

Nov 30 09:14:02 mail dovecot: master: Warning: service auth { client_limit=1000 } is lower than required under max. load (2348). Counted for protocol services with service_count != 1: service pop3-login { process_limit=100 } + service imap { process_limit=2048 } + service imap-urlauth-login { process_limit=100 } + service imap-login { process_limit=100 }
Nov 30 09:15:47 mail dovecot: master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped
Nov 30 09:15:47 mail dovecot: imap-login: Info: Disconnected: Connection queue full (no auth attempts in 1 secs): user=<>, rip=203.0.113.7, lip=192.0.2.10, TLS, session=<BEx5EX5hxul/AAAB>
Nov 30 09:16:03 mail dovecot: master: Error: service(imap): child 31337 returned error 83 (Out of memory (service imap { vsz_limit=256 MB }, you may need to increase it) - set CORE_OUTOFMEM=1 environment to get core dump)
`;
