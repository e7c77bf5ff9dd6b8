#!/usr/bin/env bash
# Installs what is missing, builds everything CI builds, and runs every test against real
# Azurite, the real SelfHost and Debian's Chromium. TRX results land in TestResults/.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh

infra/check.sh
dotnet build BlogFunctions.Ci.slnf -c Debug -nologo -v quiet
rm -rf TestResults
dotnet test BlogFunctions.Ci.slnf --no-build -c Debug -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults
