#!/usr/bin/env bash
# Builds and lints every .bicep file under infra/ and fails on any error OR warning (the Bicep CLI
# exits 0 on warnings, so its diagnostics are read instead of its exit code).
# The CLI comes from NuGet (Azure.Bicep.CommandLine.linux-x64, version pinned in
# Directory.Packages.props) via tools/bicep/Bicep.Tool.csproj; set BICEP=/path/to/bicep to use another.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_bicep() {
  if [ -n "${BICEP:-}" ]; then echo "$BICEP"; return; fi
  if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
    local project=tools/bicep/Bicep.Tool.csproj dir
    dotnet restore "$project" -nologo -v quiet >/dev/null
    dir="$(dotnet msbuild "$project" -nologo -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)"
    if [ -n "$dir" ] && [ -x "$dir/tools/bicep" ]; then echo "$dir/tools/bicep"; return; fi
  fi
  if command -v bicep >/dev/null 2>&1; then command -v bicep; return; fi
  echo "infra/check.sh: no Bicep CLI (the NuGet package is linux-x64 only; install bicep or set BICEP)" >&2
  return 1
}

bicep="$(find_bicep)"
mapfile -t files < <(find infra -name '*.bicep' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "infra/check.sh: no .bicep files found" >&2
  exit 1
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
status=0
report="$out/diagnostics.txt"
: >"$report"

# One CLI start per command (each start costs a few seconds); --pattern covers every file.
"$bicep" build --pattern 'infra/**/*.bicep' --outdir "$out/json" >>"$report" 2>&1 || status=1
"$bicep" lint --pattern 'infra/**/*.bicep' >>"$report" 2>&1 || status=1

# Diagnostics look like "path(line,col) : Warning rule-name: message".
if grep -Eq '\) : (Error|Warning) ' "$report"; then
  status=1
fi
if [ "$status" -ne 0 ]; then
  sort -u "$report" >&2
  echo "infra/check.sh: Bicep build/lint reported problems (warnings count as failures)" >&2
  exit 1
fi
built=$(find "$out/json" -name '*.json' | wc -l)
if [ "$built" -ne "${#files[@]}" ]; then
  echo "infra/check.sh: built $built templates from ${#files[@]} .bicep files" >&2
  exit 1
fi
sort -u "$report"
echo "infra/check.sh: ${#files[@]} Bicep files build and lint clean"
