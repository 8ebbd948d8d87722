#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Jinguo.
# Every package is from Debian's own registry; see README.md ("Dependencies")
# for why each is here. Safe to run again: apt-get skips what is installed.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

packages=(
  # toolchain
  g++ cmake pkg-config make
  # the fixed stack
  libsfml-dev libimgui-dev libsqlite3-dev doctest-dev
  # fonts: lookup, rasterizing, and a font that covers Simplified Chinese
  libfontconfig-dev libfreetype-dev fonts-noto-cjk
  # X11 (the input-method fix talks to Xlib) and OpenGL headers
  libx11-dev libgl-dev
  # ICU: pinyin transliteration and collation (search and sort by pinyin)
  libicu-dev
  # rosters: .xlsx is a zip of XML (libzip + expat); exports written by libxlsxwriter
  libzip-dev libexpat1-dev libxlsxwriter-dev
  # SHA-256 of an imported file, so that importing it again is recognized
  nettle-dev
  # tests: a virtual display, screenshots, and a real input method
  xvfb xauth x11-utils xdotool imagemagick
  fcitx5 fcitx5-chinese-addons
  # the sqlite3 shell, used by benchmarks as the peer to compare with
  sqlite3
  # the .deb: dpkg-shlibdeps finds its Depends; the package test checks the
  # desktop entry and AppStream metadata and that the binary is stripped
  dpkg-dev desktop-file-utils appstream file
  # fuzzing (scripts/fuzz.sh, CTest's fuzz_short): clang with libFuzzer and the
  # sanitizer runtimes (libclang_rt.fuzzer/asan/ubsan are in libclang-rt-14-dev,
  # only a Recommends of clang-14, which --no-install-recommends skips), and
  # llvm-symbolizer (package llvm) so a crash's stack names files and lines
  clang libclang-rt-14-dev llvm
  # printed reports (导出PDF, `jinguo report`): cairo draws the A4 pages and
  # charts, pango sets the Chinese text through fontconfig; the report tests
  # read the PDFs back with pdftotext/pdfinfo (poppler-utils)
  libcairo2-dev libpango1.0-dev poppler-utils
  # PostgreSQL as a second engine (issue 18): libpq to connect, and the server
  # whose initdb/pg_ctl the pg_tests suite runs as a throw-away cluster
  # (tests/support/pg_cluster.cpp); Debian 12's server is PostgreSQL 15
  postgresql libpq-dev
  # 记住密码 keeps a server's password in the desktop's secret store
  # (libsecret; app/platform/secret_store.cpp); the platform test proves
  # that path with a private gnome-keyring under dbus-run-session (dbus)
  libsecret-1-dev gnome-keyring dbus
)

export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: everything is installed."
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
