#!/usr/bin/env bash
# Installs the Debian packages Twinstudio's build and tests need: a virtual display for the UI tests and the
# GTK runtime SWT loads, a C compiler for the FMI tests' native test models, and Node.js with npm for the diagram
# editor's web client. Does nothing when they are all present. Needs root (or sudo).
set -euo pipefail
packages=(xvfb xauth libgtk-3-0 dbus-x11 gcc libc6-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere (NodeSource's nodejs package bundles npm and conflicts with Debian's npm):
# ask for Debian's packages only when the commands are missing.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
