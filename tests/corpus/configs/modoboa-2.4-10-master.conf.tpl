service imap-login {
  inet_listener imap {
  }
  inet_listener imaps {
  }
}
service pop3-login {
  inet_listener pop3 {
  }
  inet_listener pop3s {
  }
}
service submission-login {
  inet_listener submission {
  }
  inet_listener submissions {
  }
}
service lmtp {
  unix_listener lmtp {
  }
  unix_listener /var/spool/postfix/private/dovecot-lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
service imap {
  executable = imap postlogin
}
service pop3 {
  executable = imap postlogin
}
service submission {
}
service postlogin {
  executable = script-login /usr/local/bin/postlogin.sh
  user = %modoboa_user
  unix_listener postlogin {
  }
}
service stats {
  unix_listener stats-reader {
    user = %{mailboxes_owner}
    group = %{mailboxes_owner}
    mode = 0660
  }
  unix_listener stats-writer {
    user = %{mailboxes_owner}
    group = %{mailboxes_owner}
    mode = 0660
  }
}
service auth {
  unix_listener auth-userdb {
    user = %{mailboxes_owner}
  }
  unix_listener /var/spool/postfix/private/auth {
    mode = 0666
    user = postfix
    group = postfix
  }
  %{radicale_enabled}unix_listener auth-radicale {
  %{radicale_enabled}  mode = 0666
  %{radicale_enabled}  user = %{radicale_user}
  %{radicale_enabled}  group = %{radicale_user}
  %{radicale_enabled}}
}
service auth-worker {
}
service dict {
  unix_listener dict {
    mode = 0600
    user = %{mailboxes_owner}
  }
}
