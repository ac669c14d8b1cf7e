"""A throwaway certificate authority for signing tests: code signing and timestamping certs."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Issued:
    """A certificate and its private key, as PEM files."""

    cert: Path
    key: Path


def _openssl(*args: str | Path) -> None:
    subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True, timeout=60)


def make_ca(folder: Path, name: str) -> Issued:
    ca = Issued(folder / f"{name}.pem", folder / f"{name}.key")
    _openssl("req", "-x509", "-newkey", "rsa:3072", "-nodes", "-days", "30",
             "-subj", f"/CN={name}/O=Dojo Desktop tests", "-keyout", ca.key, "-out", ca.cert,
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    return ca


def issue(ca: Issued, folder: Path, name: str, extended_usage: str) -> Issued:
    """A leaf certificate signed by ``ca`` for ``extended_usage`` (codeSigning, timeStamping)."""
    leaf = Issued(folder / f"{name}.pem", folder / f"{name}.key")
    request = folder / f"{name}.csr"
    extensions = folder / f"{name}.ext"
    extensions.write_text(
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        f"extendedKeyUsage=critical,{extended_usage}\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n", encoding="ascii")
    _openssl("req", "-newkey", "rsa:3072", "-nodes", "-subj", f"/CN={name}/O=Dojo Desktop tests",
             "-keyout", leaf.key, "-out", request)
    _openssl("x509", "-req", "-in", request, "-CA", ca.cert, "-CAkey", ca.key,
             "-CAcreateserial", "-days", "30", "-extfile", extensions, "-out", leaf.cert)
    return leaf
