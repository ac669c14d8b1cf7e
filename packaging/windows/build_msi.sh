#!/usr/bin/env bash
# Builds the MSI from a Windows one-folder bundle with msitools (wixl, wixl-heat, msibuild).
# Usage: packaging/windows/build_msi.sh BUNDLE_DIR OUT.msi [VERSION]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bundle="$(realpath "$1")"
mkdir -p "$(dirname "$2")"
out="$(realpath "$(dirname "$2")")/$(basename "$2")"
init="$here/../../src/dojo_desktop/__init__.py"
version="${3:-$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$init")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Every file of the bundle as a component of the AppFiles group.
find "$bundle" -type f | sort | wixl-heat -p "$bundle/" --var var.SourceDir \
  --directory-ref INSTALLDIR --component-group AppFiles --win64 > "$work/files.wxs"
cp "$here/dojo-desktop.wxs" "$work/"
# wixl resolves File sources against the working directory.
(cd "$work" && ln -s "$bundle" bundle && wixl --arch x64 -D SourceDir=bundle -D Win64=yes \
  -D Version="$version" -o "$out" dojo-desktop.wxs files.wxs)

# What wixl 0.101 cannot express, set in the tables directly: each setting is written only
# when its property is given (component condition) and survives uninstall and upgrade
# (permanent: 256 x64 + 16 permanent + 4 registry key path), and the properties are secure,
# so a per-machine install passes them from msiexec's command line to the elevated install.
settings=(ServerUrl:SERVER_URL SchoolId:SCHOOL_ID EnrollCode:ENROLL_CODE CaBundle:CA_BUNDLE
          WhiteboardMode:WHITEBOARD StartAtLogin:AUTOSTART PrivacyMode:PRIVACY_MODE
          SoundDefault:SOUND_DEFAULT)
queries=("UPDATE Component SET Condition = 'AUTOSTART = \"1\"' WHERE Component = 'Autostart'")
secure="WIX_DOWNGRADE_DETECTED;WIX_UPGRADE_DETECTED"
for setting in "${settings[@]}"; do
  name="${setting%%:*}" property="${setting#*:}"
  queries+=("UPDATE Component SET Condition = '$property', Attributes = 276
              WHERE Component = 'Policy$name'")
  secure+=";$property"
done
queries+=("UPDATE Property SET Value = '$secure' WHERE Property = 'SecureCustomProperties'")
for query in "${queries[@]}"; do msibuild "$out" -q "$query"; done
echo "msi: $out $(du -m --apparent-size "$out" | cut -f1) MB"
