#!/usr/bin/env bash
# Checks every GitHub workflow before GitHub does: yamllint (.yamllint.yml; duplicate keys, syntax,
# indentation) and action-validator (the workflow schema: unknown keys, wrong shapes). Fails on any
# problem, warnings included, since GitHub only reports a broken workflow when it is triggered.
# yamllint comes from Debian (scripts/setup.sh), action-validator from package.json (npm ci).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

validator=node_modules/.bin/action-validator
command -v yamllint >/dev/null 2>&1 || { echo "check-workflows: yamllint missing (apt-get install yamllint)" >&2; exit 1; }
[ -x "$validator" ] || { echo "check-workflows: $validator missing (npm ci)" >&2; exit 1; }

mapfile -t files < <(find .github/workflows -name '*.yml' -o -name '*.yaml' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "check-workflows: no workflow files found" >&2
  exit 1
fi

status=0
yamllint --strict -c .yamllint.yml -f parsable "${files[@]}" .yamllint.yml || status=1
# action-validator takes one file per run.
for file in "${files[@]}"; do
  "$validator" "$file" || { echo "check-workflows: action-validator rejects $file" >&2; status=1; }
done
if [ "$status" -ne 0 ]; then
  echo "check-workflows: workflow problems (see above)" >&2
  exit 1
fi
echo "check-workflows: ${#files[@]} workflows pass yamllint and action-validator"
