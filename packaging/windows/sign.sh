#!/usr/bin/env bash
# Authenticode-signs Windows files (.exe, .dll, .msi) in place with osslsigncode: SHA-256,
# an RFC 3161 timestamp (so the signature outlives the certificate), then verifies each one.
# Usage: packaging/windows/sign.sh FILE...
# Environment:
#   SIGN_PKCS12 + SIGN_PASSWORD   the code-signing certificate and key as .pfx (CI secrets), or
#   SIGN_CERT + SIGN_KEY          the certificate chain and the key as PEM files;
#   TIMESTAMP_URL                 RFC 3161 server, e.g. http://timestamp.digicert.com;
#   VERIFY_CA, VERIFY_TSA_CA      CA bundles to verify the signature and the timestamp with
#                                 (default: the system's, /etc/ssl/certs/ca-certificates.crt).
set -euo pipefail
: "${TIMESTAMP_URL:?TIMESTAMP_URL must name an RFC 3161 timestamp server}"
system_ca=/etc/ssl/certs/ca-certificates.crt
if [ -n "${SIGN_PKCS12:-}" ]; then
  credentials=(-pkcs12 "$SIGN_PKCS12" -pass "${SIGN_PASSWORD:-}")
else
  credentials=(-certs "${SIGN_CERT:?SIGN_CERT or SIGN_PKCS12 must be set}" -key "${SIGN_KEY:?}")
fi

for file in "$@"; do
  signed="$file.signed"
  osslsigncode sign "${credentials[@]}" -h sha256 -n "Dojo Desktop" \
    -i "https://dojo-desktop.example" -ts "$TIMESTAMP_URL" -in "$file" -out "$signed" >/dev/null
  mv "$signed" "$file"
  report="$(osslsigncode verify -CAfile "${VERIFY_CA:-$system_ca}" \
    -TSA-CAfile "${VERIFY_TSA_CA:-${VERIFY_CA:-$system_ca}}" -in "$file")" \
    || { echo "$report" >&2; exit 1; }
  # A timestamp that fails to verify does not fail the command: look for it.
  grep -q "Timestamp Server Signature verification: ok" <<< "$report" \
    || { echo "$report" >&2; echo "$file: the timestamp did not verify" >&2; exit 1; }
  echo "signed, timestamped and verified: $file"
done
