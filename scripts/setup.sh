#!/usr/bin/env bash
# Installs what run.sh and test.sh need when it is missing. Sourced by both; idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need() { command -v "$1" >/dev/null 2>&1; }

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: please install: $*" >&2
    return 1
  fi
  if [ -z "${_APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null
    _APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

need dotnet || { echo "setup: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }
need node || apt_install nodejs npm
# jq for the README's copy-paste recipes (and their test).
need jq || apt_install jq

# Azurite, action-validator, Eleventy, esbuild (scripts/build-widget.sh) and Redocly CLI, pinned by
# package.json / package-lock.json.
if [ ! -x "$ROOT/node_modules/.bin/azurite-table" ] || [ ! -x "$ROOT/node_modules/.bin/action-validator" ] \
  || [ ! -x "$ROOT/node_modules/.bin/eleventy" ] || [ ! -x "$ROOT/node_modules/.bin/esbuild" ] \
  || [ ! -x "$ROOT/node_modules/.bin/redocly" ]; then
  echo "setup: npm ci (Azurite, action-validator, Eleventy, esbuild, Redocly CLI)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi

# Debian's yamllint for scripts/check-workflows.sh.
if ! need yamllint; then
  echo "setup: apt-get install yamllint"
  apt_install yamllint
fi

# Debian's Hugo for examples/hugo and the browser test that builds it; like Chromium, run.sh
# (SETUP_CHROMIUM=0) does without it.
if [ "${SETUP_HUGO:-${SETUP_CHROMIUM:-1}}" = "1" ] && ! need hugo; then
  echo "setup: apt-get install hugo"
  apt_install hugo
fi

# Debian's Chromium for the browser tests and screenshots (never a downloaded browser).
if [ "${SETUP_CHROMIUM:-1}" = "1" ] && ! need chromium; then
  echo "setup: apt-get install chromium"
  apt_install chromium
fi
