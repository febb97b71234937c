# Sourced by the scripts that need a Debian package: debian_install PACKAGE installs it (as root), quietly, once.
debian_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "$(basename "$0"): $1 is not installed; install Debian's $1 package (as root)" >&2
    exit 1
  fi
  echo "$(basename "$0"): installing $1 from Debian ..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}
