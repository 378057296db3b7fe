#!/usr/bin/env bash
# Installs what the tests need outside node_modules, idempotently:
#   - Debian's Chromium (Playwright drives it; it cannot download its own browser here),
#   - real doveconf 2.3: Debian 12's dovecot packages on the host,
#   - real doveconf 2.4: Debian 13's dovecot packages unpacked into an isolated tree that is
#     only ever run with chroot (never installed on the host, never touching dpkg's database).
#   - PostgreSQL and Dovecot 2.3's PostgreSQL driver, for the auth cache measurement and its smoke
#     test (the harness runs a cluster of its own; the host's clusters are not used).
# Usage: scripts/setup-system.sh [chromium] [dovecot23] [dovecot24] [postgres]   (no argument = all)
# Paths: DOVECOT24_ROOT (default /opt/dovecot24), DOVECOT24_APT_CACHE (default
# /var/cache/dovecot24-apt), DOVECOT24_SUITE (trixie), DEBIAN_MIRROR (the host's own mirror).
set -euo pipefail

want=("$@")
[ ${#want[@]} -gt 0 ] || want=(chromium dovecot23 dovecot24 postgres)
need_root() { [ "$(id -u)" = 0 ] || { echo "setup-system: $1 needs root (or install it yourself)" >&2; exit 1; }; }
apt_updated=
apt_install() {
  need_root "apt-get install $*"
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

setup_chromium() {
  if command -v chromium >/dev/null 2>&1; then echo "chromium: $(command -v chromium)"; return; fi
  apt_install chromium fonts-liberation
  echo "chromium: installed $(command -v chromium)"
}

# managesieved provides the `sieve` protocol that generated configs enable. With it, 2.3
# doveconf also forks managesieve-login to dump capabilities, so a warning can print twice.
DOVECOT_PKGS="dovecot-core dovecot-imapd dovecot-pop3d dovecot-lmtpd dovecot-submissiond dovecot-managesieved dovecot-sieve"

setup_dovecot23() {
  if command -v doveconf >/dev/null 2>&1 && [ -e /usr/lib/dovecot/managesieve-login ] \
     && [ -e /usr/lib/dovecot/submission-login ] && [ -e /usr/lib/dovecot/lmtp ] && [ -e /usr/lib/dovecot/pop3 ]; then
    echo "doveconf 2.3: $(doveconf -c /dev/null -n 2>/dev/null | head -1)"; return
  fi
  # shellcheck disable=SC2086
  apt_install $DOVECOT_PKGS
  echo "doveconf 2.3: installed"
}

setup_dovecot24() {
  local root=${DOVECOT24_ROOT:-/opt/dovecot24} cache=${DOVECOT24_APT_CACHE:-/var/cache/dovecot24-apt}
  local suite=${DOVECOT24_SUITE:-trixie} mirror=${DEBIAN_MIRROR:-}
  if [ -e "$root/.complete" ] && [ -x "$root/usr/bin/doveconf" ]; then echo "doveconf 2.4: tree in $root"; return; fi
  need_root "the Dovecot 2.4 tree (chroot, mknod)"
  local started=$SECONDS
  if [ -z "$mirror" ]; then
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $0 !~ /security/ {for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null || true)
  fi
  [ -n "$mirror" ] || { echo "setup-system: no Debian mirror found in the host's apt sources; set DEBIAN_MIRROR" >&2; exit 1; }
  mkdir -p "$cache/lists/partial" "$cache/parts.d" "$cache/debs"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" > "$cache/sources.list"
  # a private apt state: the host's lists, sources and preferences are never read or written
  local o=(-oDir::State::Lists="$cache/lists" -oDir::Etc::SourceList="$cache/sources.list"
    -oDir::Etc::SourceParts="$cache/parts.d" -oDir::Etc::Preferences="$cache/preferences"
    -oDir::Etc::PreferencesParts="$cache/parts.d" -oAPT::Architecture=amd64 -oAPT::Sandbox::User=root
    -oDir::Cache::pkgcache="" -oDir::Cache::srcpkgcache="")
  apt-get "${o[@]}" -qq update
  local deps
  # shellcheck disable=SC2086
  deps=$(apt-cache "${o[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
    --no-breaks --no-replaces --no-enhances $DOVECOT_PKGS | grep -v '^ ' | grep -v '^<' | sort -u)
  # shellcheck disable=SC2086
  (cd "$cache/debs" && apt-get "${o[@]}" -qq download $deps)
  rm -rf "$root"; mkdir -p "$root"
  for deb in "$cache"/debs/*.deb; do dpkg-deb -x "$deb" "$root"; done
  # what base-files and libc6's maintainer scripts would have made
  for d in bin sbin lib; do [ -e "$root/$d" ] || ln -s "usr/$d" "$root/$d"; done
  [ -e "$root/lib64" ] || ln -s usr/lib64 "$root/lib64"
  mkdir -p "$root/usr/lib64" "$root/dev" "$root/tmp" "$root/cfg" "$root/run/dovecot"
  [ -e "$root/usr/lib64/ld-linux-x86-64.so.2" ] || ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$root/usr/lib64/ld-linux-x86-64.so.2"
  # doveconf checks that default_login_user and default_internal_user exist
  printf 'root:x:0:0:root:/root:/bin/sh\ndovecot:x:990:990:Dovecot mail server:/nonexistent:/usr/sbin/nologin\ndovenull:x:991:991:Dovecot login user:/nonexistent:/usr/sbin/nologin\n' > "$root/etc/passwd"
  printf 'root:x:0:\ndovecot:x:990:\ndovenull:x:991:\nmail:x:8:\n' > "$root/etc/group"
  [ -c "$root/dev/null" ] || mknod -m 666 "$root/dev/null" c 1 3
  chmod 1777 "$root/tmp"
  chroot "$root" /usr/bin/doveconf -c /dev/null -d >/dev/null
  touch "$root/.complete"
  echo "doveconf 2.4: tree ready in $root ($(du -sh "$root" | cut -f1), $((SECONDS - started)) s)"
}

setup_postgres() {
  if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && [ -e /usr/lib/dovecot/modules/auth/libdriver_pgsql.so ]; then
    echo "postgres: $(ls -d /usr/lib/postgresql/*/bin | head -1), dovecot-pgsql"; return
  fi
  apt_install postgresql dovecot-pgsql
  echo "postgres: installed postgresql and dovecot-pgsql"
}

for w in "${want[@]}"; do
  case "$w" in
    chromium) setup_chromium ;;
    dovecot23) setup_dovecot23 ;;
    dovecot24) setup_dovecot24 ;;
    postgres) setup_postgres ;;
    *) echo "setup-system: unknown part '$w' (chromium, dovecot23, dovecot24, postgres)" >&2; exit 2 ;;
  esac
done
