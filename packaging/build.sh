#!/usr/bin/env bash
# Builds the one-folder bundle dist/dojo-desktop and, on Debian/Ubuntu, dist/dojo-desktop_*.deb.
# Usage: packaging/build.sh [bundle|deb|all]      (default: all)
# Needs `python3 -m pip install -e '.[packaging]'`; on Linux also binutils (readelf, strip).
# PYTHON names the interpreter (default python3; Windows runners call it python).
set -euo pipefail
cd "$(dirname "$0")/.."
work=build/packaging  # relative: Python on Windows cannot read Git Bash's /d/... paths
python="${PYTHON:-python3}"

bundle() {
  "$python" -c "import PyInstaller" 2>/dev/null || {
    echo "PyInstaller is missing: python3 -m pip install -e '.[packaging]'" >&2; exit 1; }
  # Analyse the app as the wheel installs it, so the bundle carries what the wheel ships.
  rm -rf "$work/wheel" "$work/stage"
  "$python" -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/wheel" .
  "$python" -m pip install -q --disable-pip-version-check --no-deps --no-compile \
    --target "$work/stage" "$work"/wheel/dojo_desktop-*.whl
  DOJO_STAGE="$work/stage" "$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath "$work/pyinstaller" --distpath dist packaging/dojo_desktop.spec
  if [ "$(uname -s)" = Linux ]; then tidy_libraries dist/dojo-desktop; fi
  echo "bundle: dist/dojo-desktop $(( $(du -sk dist/dojo-desktop | cut -f1) / 1024 )) MiB"
}

# Strips the symbol tables that are still there (PyInstaller's strip=True would strip the
# already-stripped PySide6 libraries again, which breaks some: libavformat did), and removes
# search paths that point into the build machine (pyenv's lib folder).
tidy_libraries() {
  find "$1" -type f -name '*.so*' -print0 | while IFS= read -r -d '' lib; do
    # Whole outputs into grep: with pipefail, grep -q stopping early would fail readelf.
    if readelf -S "$lib" | grep '\.symtab' >/dev/null; then strip --strip-unneeded "$lib"; fi
    if readelf -d "$lib" | grep 'R\(UN\)\?PATH.*\[/' >/dev/null; then
      patchelf --remove-rpath "$lib"
    fi
  done
}

deb() {
  bash packaging/linux/build_deb.sh dist/dojo-desktop dist
}

case "${1:-all}" in
  bundle) bundle ;;
  deb) deb ;;
  all) bundle; if command -v dpkg-deb >/dev/null; then deb; fi ;;
  *) echo "usage: $0 [bundle|deb|all]" >&2; exit 2 ;;
esac
