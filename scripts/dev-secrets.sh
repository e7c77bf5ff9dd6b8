#!/usr/bin/env bash
# Creates .dev-secrets.env (git-ignored) with a signing key and a moderator key on first run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FILE="$ROOT/.dev-secrets.env"
if [ ! -f "$FILE" ]; then
  rand() { head -c "$1" /dev/urandom | base64 | tr -d '/+=\n' | head -c "$2"; }
  umask 077
  cat > "$FILE" <<EOS
export Security__SigningKey='$(rand 48 48)'
export Moderation__Keys__0='mod-$(rand 32 32)'
EOS
  echo "run: created $FILE with a new signing key and moderator key"
fi
# shellcheck disable=SC1090
source "$FILE"
