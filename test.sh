#!/usr/bin/env bash
# Installs what is missing, builds everything CI builds, and runs every test against real
# Azurite, the real SelfHost and Debian's Chromium. TRX results land in TestResults/; the last
# line is always "N passed, N failed" from them, and the exit code is non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf TestResults

summary() {
  local rc=$? passed=0 failed=0 trx counters p f
  for trx in TestResults/*.trx; do
    [ -f "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  done
  echo "${passed} passed, ${failed} failed"
  if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
  fi
}
trap summary EXIT

source scripts/setup.sh

infra/check.sh
scripts/check-workflows.sh
dotnet build BlogFunctions.sln -c Debug -nologo -v quiet
dotnet test BlogFunctions.sln --no-build -c Debug -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults
