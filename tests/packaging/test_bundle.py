"""The one-folder bundle: it starts on every display it supports, plays sound, and is whole."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import bundle_manifest
import icu_data
import pytest
from bundle_kit import (
    BUILD_PLATFORMS,
    PACKAGING,
    bundle_rules,
    elf_files,
    external_libraries,
    locked_for,
    needs_builds,
    newest_symbol_version,
    pulse_server,
    run_self_test,
    search_paths,
    wayland_compositor,
)

pytestmark = [
    pytest.mark.slow, needs_builds,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks the Linux bundle"),
]
# Bytes of real files (symbolic links are not counted). The build is about 110 MB; the margin
# is for routine library updates, taken through packaging/lock.sh.
SIZE_GOAL = 120_000_000
MANIFEST = PACKAGING / "linux" / "bundle-manifest.txt"
CHECKOUT = PACKAGING.parent


def program(bundle: Path) -> Path:
    return bundle / "dojo-desktop"


def expect_healthy(report: dict[str, object], platform: str) -> None:
    assert report["ok"] is True, report
    assert report["platform"] == platform
    assert report["tiles"] == 28


def test_self_test_offscreen_plays_the_award_sound(bundle_dir: Path, tmp_path: Path) -> None:
    with pulse_server(tmp_path) as sound:
        report = run_self_test(program(bundle_dir), tmp_path / "data", {
            **sound, "QT_QPA_PLATFORM": "offscreen", "DOJO_SMOKE_REQUIRE_SOUND": "1"})
    expect_healthy(report, "offscreen")
    assert report["sound"] == "played"
    assert report["schema_revision"], "the Alembic migrations ran from the bundle"


def test_self_test_on_x11(bundle_dir: Path, tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb xauth)")
    wrapper = tmp_path / "under-xvfb"
    wrapper.write_text(f'#!/bin/sh\nexec {xvfb_run} -a -s "-screen 0 1920x1080x24" '
                       f'{program(bundle_dir)} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    report = run_self_test(wrapper, tmp_path / "data", {"QT_QPA_PLATFORM": "xcb"})
    expect_healthy(report, "xcb")


def test_self_test_on_wayland(bundle_dir: Path, tmp_path: Path) -> None:
    with wayland_compositor(tmp_path) as display:
        report = run_self_test(program(bundle_dir), tmp_path / "data",
                               {**display, "QT_QPA_PLATFORM": "wayland"})
    expect_healthy(report, "wayland")


def test_bundle_meets_the_size_goal(bundle_dir: Path) -> None:
    real_files = sorted((p for p in bundle_dir.rglob("*") if p.is_file() and not p.is_symlink()),
                        key=lambda p: p.stat().st_size)
    size = sum(p.stat().st_size for p in real_files)
    print(f"bundle: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)")
    assert size <= SIZE_GOAL, f"{size / 1e6:.1f} MB; biggest: " + ", ".join(
        f"{p.relative_to(bundle_dir)} {p.stat().st_size / 1e6:.1f} MB" for p in real_files[-8:])


def test_bundle_holds_the_files_and_versions_of_its_manifest(bundle_dir: Path) -> None:
    """Two machines building this commit ship the same files from the same library versions:
    the versions locked in bundle-requirements.txt, the libraries' files listed in the
    committed manifest, and the app's own runtime files (sounds, icons, translations,
    migrations) as the checkout has them. After `bash packaging/lock.sh --upgrade` and a
    build, copy dist/dojo-desktop.manifest to packaging/linux/bundle-manifest.txt (its lines
    for the app's own files are not compared: a new icon or migration needs no new manifest).
    """
    built = bundle_manifest.parse((bundle_dir.parent / "dojo-desktop.manifest").read_text(
        encoding="utf-8"))
    expected = bundle_manifest.parse(MANIFEST.read_text(encoding="utf-8"))
    locked = {f"{name}=={version}" for name, version in locked_for(BUILD_PLATFORMS[0]).items()}
    assert set(built["libraries"]) == locked, "the build environment is not the lock's"
    assert built["libraries"] == expected["libraries"]

    def libraries_files(files: list[str]) -> set[str]:
        return {f for f in files if not f.startswith(bundle_rules.APP_PREFIX)}

    extra = sorted(libraries_files(built["files"]) - libraries_files(expected["files"]))
    missing = sorted(libraries_files(expected["files"]) - libraries_files(built["files"]))
    assert (extra, missing) == ([], [])
    app_files = {f for f in built["files"] if f.startswith(bundle_rules.APP_PREFIX)}
    source = bundle_rules.app_runtime_files(CHECKOUT / "src" / "dojo_desktop",
                                            CHECKOUT / "resources")
    assert app_files == source, sorted(app_files ^ source)


def test_icu_data_holds_only_what_the_app_uses(bundle_dir: Path) -> None:
    library = next(p for p in bundle_dir.rglob("libicudata.so.*") if not p.is_symlink())
    _symbol, package = icu_data.data_symbol(library)
    names = {name.split("/", 1)[1] for name in icu_data.read_package(package)[1]}
    assert all(bundle_rules.keeps_icu_item(name) for name in names)
    assert {"coll/root.res", "coll/ucadata.icu", "coll/es.res", "coll/ar.res",
            "cnvalias.icu"} <= names
    assert library.stat().st_size < 8_000_000


def test_every_needed_library_is_bundled_or_a_system_library(bundle_dir: Path) -> None:
    """So a slimmer bundle cannot quietly break xcb, Wayland or sound on a classroom PC."""
    missing = {soname: users for soname, users in external_libraries(bundle_dir).items()
               if not bundle_rules.is_system_library(soname)}
    assert missing == {}
    bundled_system = [p.name for p in bundle_dir.rglob("*.so*")
                      if bundle_rules.is_system_library(p.name)]
    assert bundled_system == [], "system libraries must come from the distribution"


def test_every_link_in_the_bundle_leads_somewhere(bundle_dir: Path) -> None:
    dangling = [str(p.relative_to(bundle_dir)) for p in bundle_dir.rglob("*")
                if p.is_symlink() and not p.exists()]
    assert dangling == []


def test_search_paths_stay_inside_the_bundle(bundle_dir: Path) -> None:
    leaking = {str(p.relative_to(bundle_dir)): paths for p in elf_files(bundle_dir)
               if (paths := [s for s in search_paths(p) if not s.startswith("$ORIGIN")])}
    assert leaking == {}


def test_unused_qt_parts_are_left_out_and_the_needed_ones_kept(bundle_dir: Path) -> None:
    internal = bundle_dir / "_internal"
    names = {str(p.relative_to(internal)) for p in internal.rglob("*")}
    unused = [n for n in names if re.search(
        r"Qt6(Quick|Qml|Pdf|VirtualKeyboard|WebEngine|3D|Charts)|PySide6/Qt/(qml|translations)/"
        r"|libqgtk3|libqpdf|libqtiff|libqwebp|libqeglfs|libqvnc|avcodec|ffmpegmediaplugin", n)]
    assert unused == []
    plugins = "PySide6/Qt/plugins/"
    for needed in ("PySide6/Qt/lib/libQt6Multimedia.so.6", "PySide6/Qt/lib/libQt6Svg.so.6",
                   "PySide6/Qt/lib/libQt6Network.so.6", "PySide6/Qt/lib/libQt6XcbQpa.so.6",
                   "PySide6/Qt/lib/libQt6WaylandClient.so.6",
                   f"{plugins}platforms/libqxcb.so", f"{plugins}platforms/libqwayland.so",
                   f"{plugins}wayland-shell-integration/libxdg-shell.so",
                   f"{plugins}imageformats/libqsvg.so", f"{plugins}iconengines/libqsvgicon.so",
                   "PySide6/QtMultimedia.abi3.so"):
        assert needed in names


def test_resources_and_migrations_are_in_the_bundle(bundle_dir: Path) -> None:
    package = bundle_dir / "_internal" / "dojo_desktop"
    for path in ("resources/sounds/award_positive.wav", "resources/sounds/award_needs_work.wav",
                 "resources/icons/app.svg", "store/migrations/env.py",
                 "store/migrations/script.py.mako",
                 "store/migrations/versions/0001_initial.py"):
        assert (package / path).is_file(), path
    shipped = {p.name for p in (package / "store/migrations/versions").glob("*.py")}
    source = {p.name for p in (PACKAGING.parent / "src/dojo_desktop/store/migrations/versions")
              .glob("*.py")}
    assert shipped == source


def test_glibc_floor_is_what_the_deb_and_the_guide_say(bundle_dir: Path) -> None:
    floor = ".".join(map(str, newest_symbol_version(bundle_dir, "GLIBC_")))
    cxx = ".".join(map(str, newest_symbol_version(bundle_dir, "GLIBCXX_")))
    print(f"needs glibc {floor}, libstdc++ GLIBCXX_{cxx}")
    depends = (PACKAGING / "linux" / "depends").read_text(encoding="utf-8")
    assert f"libc6 (>= {floor})" in depends
    assert f"glibc {floor}" in (PACKAGING / "README.md").read_text(encoding="utf-8")
