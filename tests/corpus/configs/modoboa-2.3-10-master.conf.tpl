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
  executable = pop3 postlogin
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
}
service auth-worker {
}
service dict {
  unix_listener dict {
    mode = 0600
    user = %{mailboxes_owner}
  }
}
