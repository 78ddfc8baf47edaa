#!/usr/bin/env bash
# Installs the Debian packages Twinstudio's build and tests need: a virtual display for the UI tests and the
# GTK runtime SWT loads, WebKitGTK for the IDE's embedded browser (the diagram editor), Chromium for the diagram
# client's end-to-end tests, Node.js and npm to build the client, a C compiler for the FMI tests' native test
# models, the mosquitto MQTT broker that the MQTT connector's tests start as their external broker, and openssl for
# the certificates of its TLS test. Does nothing when they are all present. Needs root (or sudo).
set -euo pipefail
packages=(xvfb xauth libgtk-3-0 dbus-x11 gcc libc6-dev libwebkit2gtk-4.1-0 chromium mosquitto openssl)
missing=()
# A Node.js from another source (e.g. NodeSource's, which bundles npm) is used as it is.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
