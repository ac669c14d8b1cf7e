#!/usr/bin/env bash
# Signs .deb files two ways with the GnuPG key KEY (from $GNUPGHOME or the default keyring):
#   - a debsigs "origin" signature inside each package (SHA-256), for debsig-verify and dpkg;
#   - SHA256SUMS beside them with a detached signature SHA256SUMS.asc, for people and scripts.
# Usage: packaging/linux/sign_deb.sh KEY DEB...       (the .debs must share one folder)
set -euo pipefail
key="$1"; shift
dir="$(cd "$(dirname "$1")" && pwd)"

# debsigs runs "gpg" from PATH and takes no options for it, so a wrapper pins the digest.
wrapper="$(mktemp -d)"
trap 'rm -rf "$wrapper"' EXIT
real_gpg="$(command -v gpg)"
printf '#!/bin/sh\nexec "%s" --digest-algo SHA256 "$@"\n' "$real_gpg" > "$wrapper/gpg"
chmod 755 "$wrapper/gpg"

for deb in "$@"; do
  PATH="$wrapper:$PATH" debsigs --sign=origin --default-key="$key" "$deb"
done
(cd "$dir" && for deb in "$@"; do basename "$deb"; done | xargs sha256sum > SHA256SUMS)
gpg --batch --yes --local-user "$key" --digest-algo SHA256 --armor --detach-sign \
  --output "$dir/SHA256SUMS.asc" "$dir/SHA256SUMS"
echo "signed: $* and $dir/SHA256SUMS(.asc)"
