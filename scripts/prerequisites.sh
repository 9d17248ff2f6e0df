#!/usr/bin/env bash
# Makes sure the Debian packages the app or its tests use are installed: installs them when running as root,
# otherwise says exactly which to install. Sourced by run.sh and test.sh.

# require_packages PURPOSE PACKAGE... — each PACKAGE is checked by the probe of the same name below.
require_packages() {
  local purpose=$1; shift
  local missing=()
  for package in "$@"; do
    probe_"${package//[-.]/_}" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian packages for the $purpose: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    return 0
  fi

  echo "Missing Debian packages for the $purpose: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  return 1
}

probe_nodejs() { command -v node >/dev/null 2>&1; }
probe_npm() { command -v npm >/dev/null 2>&1; }
probe_chromium() { [ -x /usr/bin/chromium ]; }
probe_fonts_noto_cjk() { fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; }
probe_poppler_utils() { command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; }
# Debian's aiosmtpd is installed for Debian's python, whatever python3 is first on PATH.
probe_python3_aiosmtpd() { /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }
probe_fontconfig() { command -v fc-list >/dev/null 2>&1; }
