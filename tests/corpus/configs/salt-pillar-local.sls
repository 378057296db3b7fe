dovecot:
  lookup:
    config:
      local: |
        # main
        listen = *
        login_trusted_networks = 192.168.100.0/24
        shutdown_clients = yes

        # auth
        disable_plaintext_auth = yes
        auth_cache_size = 10M
        auth_cache_ttl = 1 hour
        auth_mechanisms = plain
        !include conf.d/auth-system.conf.ext

        # logging
        log_timestamp = "%Y-%m-%d %H:%M:%S "

        # mail (for non-virtual users)
        mail_location = maildir:~/Maildir
        mail_privileged_group = mail
        first_valid_uid = 1000
        last_valid_uid = 2000

        # master
        service imap-login {
          inet_listener imap {
            address = 127.0.0.1
            port = 143
          }
          inet_listener imaps {
            port = 993
            ssl = yes
          }
        }

        # lda
        postmaster_address = postmaster@example.com
        hostname = example.com
        protocol lda {
          mail_plugins = $mail_plugins sieve
        }

        # imap
        protocols = imap
        mail_max_userip_connections = 50

        # managesieve
        service managesieve-login {
          inet_listener sieve_deprecated {
            address = 0.0.0.0
            port = 2000
          }
        }

        # ssl
        ssl_cert = </etc/ssl/private/dovecot-one.crt
        ssl_key = </etc/ssl/private/dovecot-one.key
