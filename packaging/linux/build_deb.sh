#!/usr/bin/env bash
# Builds OUT_DIR/dojo-desktop_<version>_<arch>.deb from the one-folder bundle: the app under
# /opt/dojo-desktop, /usr/bin/dojo-desktop, a .desktop entry, the icon, a man page, xz data.
# Usage: packaging/linux/build_deb.sh BUNDLE_DIR OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
bundle="$(realpath "$1")"
mkdir -p "$2"
out="$(realpath "$2")"
version="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$repo/src/dojo_desktop/__init__.py")"
arch="$(dpkg --print-architecture)"
# Reproducible: file dates, the changelog date and the archive all come from the last commit.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct)}"

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
install -d "$root/opt" "$root/usr/bin" "$root/DEBIAN"
cp -a "$bundle" "$root/opt/dojo-desktop"
# Policy 10.5: a link between top-level directories is absolute.
ln -s /opt/dojo-desktop/dojo-desktop "$root/usr/bin/dojo-desktop"
install -D -m 644 "$here/dojo-desktop.desktop" "$root/usr/share/applications/dojo-desktop.desktop"
install -D -m 644 "$repo/resources/icons/app.svg" \
  "$root/usr/share/icons/hicolor/scalable/apps/dojo-desktop.svg"
install -D -m 644 "$here/copyright" "$root/usr/share/doc/dojo-desktop/copyright"
install -D -m 644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/dojo-desktop"
install -d "$root/usr/share/man/man1"
gzip -9n < "$here/dojo-desktop.1" > "$root/usr/share/man/man1/dojo-desktop.1.gz"
changelog_date="$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
printf 'dojo-desktop (%s) stable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
  "$version" "$version" "$(sed -n 's/^Maintainer: //p' "$here/control")" "$changelog_date" \
  | gzip -9n > "$root/usr/share/doc/dojo-desktop/changelog.gz"

find "$root" -type d -exec chmod 755 {} +
find "$root" -type f -exec chmod 644 {} +
chmod 755 "$root/opt/dojo-desktop/dojo-desktop"
find "$root" -newermt "@$SOURCE_DATE_EPOCH" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z \
  | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
size_kib="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
depends="$(grep -v '^#' "$here/depends" | paste -sd, - | sed 's/,/, /g')"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size_kib/" \
  -e "s/@DEPENDS@/$depends/" "$here/control" > "$root/DEBIAN/control"

deb="$out/dojo-desktop_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz -z9 --build "$root" "$deb" >/dev/null
echo "deb: $deb $(( $(stat -c %s "$deb") / 1000000 )) MB"
