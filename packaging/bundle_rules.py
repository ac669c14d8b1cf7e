"""What the bundle keeps: Python modules left out, Qt parts filtered, system libraries.

Shared by ``dojo_desktop.spec`` (to filter what PyInstaller collected) and by the packaging
tests (to check the result), so the two can never disagree. ``packaging/README.md`` explains
why each system library comes from the distribution rather than from the bundle.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

# Never imported by the app, but reachable through optional imports of what it uses
# (pydantic's pretty printing and mypy plugin, SQLAlchemy's mypy plugin, Pillow's Tk, font and
# colour-management parts, the test tools in the same site-packages), or Qt bindings it does
# not use.
# Files of the app the bundle carries, which it opens by path at run time (dojo_desktop/...).
# Alembic reads env.py, script.py.mako and the versions/*.py scripts from disk, next to
# where dojo_desktop/store/database.py says it is.
APP_RUNTIME_FILES = ("resources/sounds/*.wav", "resources/icons/*.svg",
                     "resources/translations/*.qm", "store/migrations/*.py",
                     "store/migrations/script.py.mako", "store/migrations/versions/*.py")
APP_PREFIX = "_internal/dojo_desktop/"  # where they are in the bundle


def app_runtime_files(package: Path, resources: Path | None = None) -> set[str]:
    """The bundle paths of the app's runtime files, from the package folder ``package``
    (an installed one), or from a checkout's ``src/dojo_desktop`` and top-level
    ``resources`` (which installs as ``dojo_desktop/resources``)."""
    found = set()
    for pattern in APP_RUNTIME_FILES:
        if resources is not None and pattern.startswith("resources/"):
            found |= {f"{APP_PREFIX}resources/{path.relative_to(resources).as_posix()}"
                      for path in resources.glob(pattern.removeprefix("resources/"))}
        else:
            found |= {APP_PREFIX + path.relative_to(package).as_posix()
                      for path in package.glob(pattern)}
    return found


EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "IPython", "jedi", "numpy", "mypy", "pytest", "_pytest",
    "hypothesis", "yaml", "pygments", "setuptools", "pkg_resources", "distutils", "psycopg",
    "psycopg_binary", "psycopg2", "pydantic.mypy", "sqlalchemy.ext.mypy", "mako.ext",
    "rich", "markdown_it", "readline", "curses", "pdb", "doctest", "unittest", "xmlrpc", "lib2to3",
    "dojo_server", "fastapi", "starlette", "uvicorn", "httpx",
    "PIL.ImageTk", "PIL.ImageQt", "PIL._imagingtk", "PIL._imagingft", "PIL._imagingcms",
    "PIL._avif", "PIL.AvifImagePlugin",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtPdf",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtMultimediaWidgets",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtPrintSupport", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtDBus", "PySide6.QtSvgWidgets",
]

# Qt plugins the app loads, by type: the window system (X11, Wayland, offscreen for kiosks and
# tests, Windows, macOS), SVG icons, input methods, the desktop portal for file dialogs, network
# state, native styles. No TLS plugin: HTTPS is Python's, through requests. No "multimedia"
# plugin: QSoundEffect plays WAV through QtMultimedia's own audio output (PulseAudio, WASAPI,
# CoreAudio); the FFmpeg backend would bring QtQuick, QML and FFmpeg (37 MB) for nothing. The
# smoke test plays a sound to prove it.
KEPT_QT_PLUGINS = {
    "platforms": r"q(xcb|wayland|offscreen|windows|cocoa)",
    "xcbglintegrations": r".*",
    "wayland-shell-integration": r"xdg-shell|wl-shell-plugin",
    "wayland-decoration-client": r".*",
    "wayland-graphics-integration-client": r"qt-plugin-wayland-egl",
    "platformthemes": r"qxdgdesktopportal",
    "platforminputcontexts": r"(compose|ibus)platforminputcontextplugin",
    "imageformats": r"qsvg",
    "iconengines": r"qsvgicon",
    "styles": r".*",
    "networkinformation": r".*",
}
_PLUGIN = re.compile(r"PySide6/(?:Qt/)?plugins/([^/]+)/(?:lib)?([^/]+?)\.(?:so|dll|dylib)$")

# Qt libraries only the filtered-out parts use (on Linux the ELF pruning below finds these by
# itself; on Windows and macOS the names are the filter: Qt6Quick.dll, QtQuick.framework), and
# Qt data the app never reads: QML modules, Qt's own translations (the app installs only its
# own .qm) and WebEngine files.
UNUSED_QT_LIBRARIES = re.compile(
    r"(^|/)(lib)?Qt6?(Quick|Qml|Pdf|VirtualKeyboard|WebEngine|WebChannel|WebSockets|3D|Charts"
    r"|DataVisualization|Graphs|Location|Positioning|Sensors|TextToSpeech|SpatialAudio"
    r"|ShaderTools|Labs|WaylandCompositor|WaylandEgl|EglF[Ss]|FFmpegStub)\w*"
    r"(\.so[.\d]*$|\.dll$|\.dylib$|\.framework/)"
    r"|(^|/)(lib)?(avcodec|avformat|avutil|avdevice|avfilter|swscale|swresample)[-.\d]*"
    r"\.(so|dll|dylib)"
    r"|(^|/)opengl32sw\.dll$")  # Mesa's software OpenGL for Windows; the widgets paint in software
UNUSED_QT_DATA = re.compile(r"PySide6/(Qt/)?(qml|translations|resources|metatypes)/")

# Shared libraries taken from the system, never bundled (Linux sonames). The C and C++
# runtimes and the graphics, input, font, D-Bus, GLib and sound stacks must match the machine's
# drivers and configuration; zlib, expat, libffi and friends are what those stacks themselves
# link, so a bundled older copy would be loaded in their place. OpenSSL, Kerberos (QtNetwork)
# and SQLite get the distribution's security updates (the oldest supported release has SQLite
# 3.37; WAL and quick_check, which the app relies on, are much older). The .deb declares each of
# them in Depends (linux/depends), and test_bundle.py checks that it does.
SYSTEM_LIBRARIES = re.compile(r"""(
      ld-linux(-x86-64|-aarch64)?\.so\.\d | lib(c|m|dl|pthread|rt|resolv|util)\.so\.\d
    | libstdc\+\+\.so\.6 | libgcc_s\.so\.1
    | lib(E?GL|GLX|OpenGL|drm)\.so\.\d+
    | libX11(-xcb)?\.so\.\d | libX(ext|randr|render|au|dmcp|i|fixes|cursor)\.so\.\d+
    | libxcb(-[a-z0-9-]+)?\.so\.\d+ | libxkbcommon(-x11)?\.so\.0
    | libwayland-(client|cursor|egl)\.so\.\d
    | libfontconfig\.so\.1 | libfreetype\.so\.6
    | lib(glib|gthread|gobject|gio|gmodule)-2\.0\.so\.0 | libdbus-1\.so\.3
    | libpulse(-mainloop-glib)?\.so\.0
    | lib(ssl|crypto)\.so\.3 | libgssapi_krb5\.so\.2 | libbrotli(dec|common)\.so\.1
    | libz\.so\.1 | libzstd\.so\.1 | liblzma\.so\.5 | libbz2\.so\.1(\.0)? | libexpat\.so\.1
    | libffi\.so\.8 | libuuid\.so\.1 | libsqlite3\.so\.0
)$""", re.VERBOSE)

# The items of ICU's data (32 MB in Qt's libicudata) that Qt uses for the app, kept by
# icu_data.py on Linux. QtCore calls ICU for collation (QCollator, localeAwareCompare: every
# language's rules, so children's names sort as the teacher expects), for text codecs by name
# (only the alias table: the app decodes its files in Python) and for locale-aware case
# mapping, which needs no data file. Dates, numbers, time zones and text boundaries come from
# Qt's own CLDR and Unicode tables, so the locale, time-zone, currency, unit, break-iterator,
# transliteration and converter items are left out. The self-test checks Spanish collation.
KEPT_ICU_DATA = re.compile(
    r"coll/.+|cnvalias\.icu|[^/]+\.nrm|ulayout\.icu|uemoji\.icu"
    r"|(root|pool|res_index|likelySubtags|supplementalData|metadata|keyTypeData|icuver"
    r"|icustd)\.res")

Entry = tuple[str, str, str]  # PyInstaller TOC entry: (name in bundle, source path, type)


def is_system_library(soname: str) -> bool:
    return SYSTEM_LIBRARIES.match(soname) is not None


def keeps_icu_item(name: str) -> bool:
    """True for an ICU data item (``coll/es.res``, without the package prefix) the app uses."""
    return KEPT_ICU_DATA.fullmatch(name) is not None


def needed_libraries(path: str) -> list[str]:
    """The DT_NEEDED sonames of an ELF file (``readelf`` from binutils)."""
    out = subprocess.run(["readelf", "-d", "-W", path], capture_output=True, text=True,
                         check=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def is_unused(name: str) -> bool:
    """True for a bundle path that the app never loads (see the tables above)."""
    plugin = _PLUGIN.match(name)
    if plugin:
        wanted = KEPT_QT_PLUGINS.get(plugin.group(1))
        return wanted is None or re.fullmatch(wanted, plugin.group(2)) is None
    return (UNUSED_QT_DATA.match(name) is not None
            or UNUSED_QT_LIBRARIES.search(name) is not None)


def _is_root(entry: Entry) -> bool:
    """Loaded by Python or Qt by name, not as some library's dependency."""
    name, _source, kind = entry
    return (kind == "EXTENSION" or _PLUGIN.match(name) is not None
            or PurePosixPath(name).name.startswith("libpython"))


def _reachable(candidates: list[Entry]) -> list[Entry]:
    """The entries the roots need, following DT_NEEDED through the bundle (not the system)."""
    by_soname: dict[str, list[Entry]] = {}
    for entry in candidates:
        by_soname.setdefault(PurePosixPath(entry[0]).name, []).append(entry)
    kept: set[Entry] = set()
    todo = [e for e in candidates if _is_root(e)]
    while todo:
        entry = todo.pop()
        if entry in kept:
            continue
        kept.add(entry)
        if entry[2] == "SYMLINK":
            todo.extend(e for e in candidates if e[0] == entry[1])
        else:
            for soname in needed_libraries(entry[1]):
                todo.extend(by_soname.get(soname, []))
    return [e for e in candidates if e in kept]


def select_binaries(binaries: Iterable[Entry]) -> list[Entry]:
    """The collected binaries minus unused Qt parts and, on Linux, minus system libraries and
    every library that nothing kept needs any more (what only the filtered-out parts used)."""
    candidates = [e for e in binaries if not is_unused(e[0])]
    if not sys.platform.startswith("linux"):
        return candidates
    return _reachable([e for e in candidates
                       if not is_system_library(PurePosixPath(e[0]).name)])


def select_datas(datas: Iterable[Entry], binaries: Iterable[Entry]) -> list[Entry]:
    """The collected data files minus unused Qt data, and minus the symbolic links PyInstaller
    made (they are listed with the data) to libraries ``select_binaries`` left out."""
    datas = [e for e in datas if not is_unused(e[0])]
    targets = {e[0] for e in binaries} | {e[0] for e in datas if e[2] != "SYMLINK"}
    return [e for e in datas if e[2] != "SYMLINK" or e[1] in targets]
