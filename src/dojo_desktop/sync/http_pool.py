"""The connections to one school server: urllib3's pool, TLS always verified, and the
proxy the computer's settings name for that server.

The environment is read once, when the pool is made: the proxy (``HTTPS_PROXY``,
``NO_PROXY``..., and on Windows and macOS the system's settings, through
``urllib.request``) and a CA bundle (``REQUESTS_CA_BUNDLE`` or ``CURL_CA_BUNDLE``, the
names IT already uses for Python's tools). Never a ``~/.netrc``: its entry would replace
the device's token.
"""

from __future__ import annotations

import os
import urllib.request
from urllib.parse import unquote, urlsplit

import certifi
import urllib3


def pool_for(base_url: str, ca_bundle: str | None = None) -> urllib3.PoolManager:
    """A pool for ``base_url``: through its proxy when the settings name one, trusting
    ``ca_bundle`` (a school's own CA), else the environment's bundle, else certifi's."""
    ca_certs = ca_bundle or environment_ca_bundle() or certifi.where()
    proxy = proxy_for(base_url)
    if proxy is None:
        return urllib3.PoolManager(num_pools=2, maxsize=4, cert_reqs="CERT_REQUIRED",
                                   ca_certs=ca_certs)
    parts = urlsplit(proxy)
    headers = None
    if parts.username is not None:  # http://user:password@proxy:3128
        credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        headers = urllib3.make_headers(proxy_basic_auth=credentials)
        host = parts.hostname or ""
        proxy = parts._replace(netloc=f"{host}:{parts.port}" if parts.port else host).geturl()
    return urllib3.ProxyManager(proxy, proxy_headers=headers, num_pools=2, maxsize=4,
                                cert_reqs="CERT_REQUIRED", ca_certs=ca_certs)


def proxy_for(url: str) -> str | None:
    """The proxy this computer's settings name for ``url``; None to go direct."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if not proxy or urllib.request.proxy_bypass(host):
        return None
    return proxy if "://" in proxy else f"http://{proxy}"


def environment_ca_bundle() -> str | None:
    """The CA bundle the environment names."""
    return os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or None
