#!/usr/bin/env bash
# Install the headless browser the web UI's browser tests drive: Debian's chromium and its matching
# chromedriver, from the system's package sources (never a browser download of its own).
# Does nothing when both are there; never fails the build: without them the browser tests skip and
# say why.
set -u

have() { command -v "$1" >/dev/null 2>&1; }

if have chromium && have chromedriver; then
    exit 0
fi
if ! have apt-get; then
    echo "install-browser: no apt-get here; install Chromium and chromedriver yourself, or the browser tests skip" >&2
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif have sudo && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "install-browser: not root (and no password-less sudo): run 'apt-get install chromium chromium-driver'" \
         "as root, or the browser tests skip" >&2
    exit 0
fi
echo "install-browser: installing chromium and chromium-driver with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq >/dev/null 2>&1; then
    echo "install-browser: apt-get update failed; trying with the package lists there are" >&2
fi
if ! $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; then
    echo "install-browser: apt-get could not install chromium chromium-driver; the browser tests will skip" >&2
fi
exit 0
