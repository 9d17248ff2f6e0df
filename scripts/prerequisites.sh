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
probe_python3_fonttools() { /usr/bin/python3 -c 'import fontTools.subset' >/dev/null 2>&1; }

# The PDF reports print Chinese with "Brief SC", a TrueType subset of Noto Sans CJK SC that scripts/brief-font.py
# builds from Debian packages (see Infrastructure/Pdf/PrintFonts.cs for why). It is built once per machine into
# the folder the app reads by default (Pdf:FontDirectory; $Pdf__FontDirectory here too), and again only when the
# build script changes. About 100 s per face (two faces) on a 2-core machine.
ensure_pdf_font() {
  local dir=${Pdf__FontDirectory:-${XDG_CACHE_HOME:-$HOME/.cache}/investmentcrm/fonts}
  local script=scripts/brief-font.py
  local version
  version=$(sha256sum "$script" | cut -d' ' -f1)
  if [ -f "$dir/BriefSC-Regular.ttf" ] && [ -f "$dir/BriefSC-Bold.ttf" ] && [ "$(cat "$dir/brief-font.version" 2>/dev/null)" = "$version" ]; then
    return 0
  fi
  require_packages "PDF font" fonts-noto-cjk python3-fonttools || return 1
  echo "Building the PDF font Brief SC into $dir (once per machine: about 100 s per face)"
  /usr/bin/python3 "$script" "$dir" || return 1
  echo "$version" >"$dir/brief-font.version"
}
