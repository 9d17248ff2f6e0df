#!/usr/bin/env bash
# Makes sure the .NET SDK and the Debian packages the app or its tests use are there: installs the Debian packages
# when running as root, otherwise says exactly which to install. Sourced by run.sh and test.sh.

# require_dotnet — returns 0 when a .NET SDK 10.0 is on PATH (global.json asks for 10.0.100 or a later 10.0 feature
# band); otherwise says what was found and how to install it, on stderr, and returns 1. The scripts call it first, so
# a machine without .NET stops with this message instead of a "command not found" halfway through.
require_dotnet() {
  local sdks="" version _
  if command -v dotnet >/dev/null 2>&1; then
    # --list-sdks answers whatever global.json asks for; one line per SDK: "10.0.100 [/usr/share/dotnet/sdk]".
    while read -r version _; do
      sdks+="$version "
    done < <(dotnet --list-sdks 2>/dev/null)
    if [[ " $sdks" == *" 10.0."* ]]; then
      return 0
    fi
    sdks=${sdks% }
    echo "InvestmentCrm needs the .NET 10 SDK (10.0.100 or a later 10.0), but the dotnet on PATH has: ${sdks:-no SDK}." >&2
  else
    echo "InvestmentCrm needs the .NET 10 SDK, but there is no dotnet command on PATH." >&2
    if [ -x "${HOME:-/nonexistent}/.dotnet/dotnet" ]; then
      echo "dotnet-install.sh put one in $HOME/.dotnet; add it to PATH: export PATH=\"\$HOME/.dotnet:\$PATH\"" >&2
    fi
  fi
  # Builtins only: this runs where little else may be installed.
  local line
  while IFS= read -r line; do echo "$line" >&2; done <<'HELP'
Install it on Debian 12 from Microsoft's package repository (Microsoft's "Install the .NET SDK on Debian"
page gives the packages-microsoft-prod.deb that adds it), then:
  sudo dpkg -i packages-microsoft-prod.deb
  sudo apt-get update && sudo apt-get install -y dotnet-sdk-10.0
or, without root, with Microsoft's dotnet-install.sh into ~/.dotnet:
  bash dotnet-install.sh --channel 10.0
  export PATH="$HOME/.dotnet:$PATH"
(README.md, "Installing the .NET 10 SDK", says more.)
HELP
  return 1
}

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
# Not grep -q: it stops reading at the first match, fc-list then dies of SIGPIPE, and under pipefail (bench/lib.sh)
# the probe failed although the font was there.
probe_fonts_noto_cjk() { [ -n "$(fc-list ':family=Noto Sans CJK SC' family 2>/dev/null)" ]; }
probe_poppler_utils() { command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; }
# Debian's aiosmtpd is installed for Debian's python, whatever python3 is first on PATH.
probe_python3_aiosmtpd() { /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }
probe_fontconfig() { command -v fc-list >/dev/null 2>&1; }
probe_faketime() { command -v faketime >/dev/null 2>&1; }
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
