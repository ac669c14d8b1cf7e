#!/usr/bin/env bash
# Installs what debsig-verify needs to trust packages signed by our release key: a policy in
# ROOT/etc/debsig/policies/<KEYID>/ and the key in ROOT/usr/share/debsig/keyrings/<KEYID>/.
# Usage: packaging/linux/debsig_policy.sh PUBLIC_KEY.asc [ROOT]       (ROOT defaults to /)
set -euo pipefail
public_key="$1"
root="${2:-/}"
# gpg only reads the key file here: keep it away from the caller's own keyrings.
GNUPGHOME="$(mktemp -d)"
export GNUPGHOME
trap 'rm -rf "$GNUPGHOME"' EXIT
keyid="$(gpg --quiet --batch --with-colons --show-keys "$public_key" \
  | awk -F: '$1 == "pub" {print $5; exit}')"
policies="$root/etc/debsig/policies/$keyid"
keyrings="$root/usr/share/debsig/keyrings/$keyid"
install -d "$policies" "$keyrings"
gpg --quiet --batch --yes --dearmor --output "$keyrings/dojo-desktop.gpg" "$public_key"
cat > "$policies/dojo-desktop.pol" <<EOF
<?xml version="1.0"?>
<!DOCTYPE Policy SYSTEM "https://www.debian.org/debsig/1.0/policy.dtd">
<Policy xmlns="https://www.debian.org/debsig/1.0/">
  <Origin Name="Dojo Desktop" id="$keyid" Description="Dojo Desktop release key"/>
  <Selection>
    <Required Type="origin" File="dojo-desktop.gpg" id="$keyid"/>
  </Selection>
  <Verification MinOptional="0">
    <Required Type="origin" File="dojo-desktop.gpg" id="$keyid"/>
  </Verification>
</Policy>
EOF
echo "debsig policy for key $keyid in $policies"
