#!/bin/sh
# Courier-IMAP for measuring, isolated: Debian's own packages (the host's release) downloaded
# with `apt-get download` and unpacked with `dpkg-deb -x` into ROOT, then run with chroot.
# Nothing is installed on the host (installing courier-imap there would remove Dovecot), no
# maintainer script runs, the host's dpkg database is not touched. Idempotent: does nothing
# when ROOT/.complete exists. Needs root (chroot, mknod).
#   ROOT  default /opt/courier-measure      CACHE default /var/cache/courier-measure
set -eu
ROOT=${ROOT:-/opt/courier-measure}
CACHE=${CACHE:-/var/cache/courier-measure}
[ -f "$ROOT/.complete" ] && exit 0

# The programs, and the shared libraries they load (checked with LD_TRACE_LOADED_OBJECTS below).
# gamin: courier-imap depends on it; without gam_server every LOGIN and SELECT waits ~1.2 s.
PKGS="courier-imap courier-base courier-authlib courier-authdaemon courier-authlib-userdb
  libcourier-unicode4 libgamin0 libgdbm6 libidn12 libgnutls30 libp11-kit0 libidn2-0
  libunistring2 libtasn1-6 libnettle8 libhogweed6 libgmp10 libffi8 libpcre3 libcrypt1
  libgcc-s1 libltdl7 libpam0g libaudit1 libcap-ng0 libstdc++6 libc6 gcc-12-base dash
  gamin libglib2.0-0 libmount1 libblkid1 libpcre2-8-0 libselinux1 zlib1g"

mkdir -p "$CACHE/debs" "$ROOT"
cd "$CACHE/debs"
# shellcheck disable=SC2086
apt-get download -oAPT::Sandbox::User=root $PKGS
for d in ./*.deb; do dpkg-deb -x "$d" "$ROOT"; done

cd "$ROOT"
for l in bin sbin lib lib64; do [ -e "$l" ] || ln -s "usr/$l" "$l"; done
mkdir -p dev tmp run/courier/authdaemon var/lib/courier
chmod 1777 tmp
[ -e dev/null ] || mknod -m 666 dev/null c 1 3
[ -e dev/urandom ] || mknod -m 444 dev/urandom c 1 9
printf 'root:x:0:0:root:/root:/bin/sh\ncourier:x:101:101::/var/lib/courier:/usr/sbin/nologin\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n' > etc/passwd
printf 'root:x:0:\ncourier:x:101:\nnogroup:x:65534:\n' > etc/group
cat > etc/courier/authdaemonrc <<'EOF'
authmodulelist="authuserdb"
authmodulelistorig="authuserdb"
daemons=5
authdaemonvar=/run/courier/authdaemon
DEBUG_LOGIN=0
DEFAULTOPTIONS=""
LOGGEROPTS=""
EOF

for b in /usr/sbin/couriertcpd /usr/lib/courier/courier/imaplogin /usr/bin/imapd /usr/bin/couriertls \
         /usr/lib/courier/courier-authlib/authdaemond /usr/lib/courier/courier-authlib/makedatprog /bin/sh \
         /usr/libexec/gam_server; do
  if LD_TRACE_LOADED_OBJECTS=1 chroot "$ROOT" "$b" 2>&1 | grep -q 'not found'; then
    echo "get-courier.sh: $b misses a library:" >&2
    LD_TRACE_LOADED_OBJECTS=1 chroot "$ROOT" "$b" 2>&1 | grep 'not found' >&2
    exit 1
  fi
done
touch "$ROOT/.complete"
