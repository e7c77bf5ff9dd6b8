#!/usr/bin/env bash
# Starts Azurite (data in .azurite/) and the SelfHost at http://localhost:7071 with the demo blog.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
SETUP_CHROMIUM=0 source scripts/setup.sh
source scripts/dev-secrets.sh

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  echo "run: something already listens on 127.0.0.1:10002; using it as Azurite"
else
  mkdir -p .azurite
  node_modules/.bin/azurite-table --tableHost 127.0.0.1 --tablePort 10002 --location .azurite \
    --silent --disableTelemetry &
  pids+=($!)
fi

dotnet build src/BlogFunctions.SelfHost -c Debug -v quiet -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Development
dotnet src/BlogFunctions.SelfHost/bin/Debug/net10.0/BlogFunctions.SelfHost.dll \
  --contentRoot "$PWD/src/BlogFunctions.SelfHost" &
pids+=($!)

up=0
for _ in $(seq 1 120); do
  if curl -fsS http://localhost:7071/api/health >/dev/null 2>&1; then up=1; break; fi
  kill -0 "${pids[-1]}" 2>/dev/null || break
  sleep 0.5
done
if [ "$up" -ne 1 ]; then
  echo "run: the SelfHost did not become healthy on http://localhost:7071 (see the output above)" >&2
  exit 1
fi

cat <<MSG

  BlogFunctions is running.
    API            http://localhost:7071/api   (OpenAPI: http://localhost:7071/api/openapi.json)
    Demo blog      http://localhost:8080/
    Moderation UI  http://localhost:7071/api/moderation/ui
    Moderator key  ${Moderation__Keys__0}

  Approve with curl:
    curl -H "Authorization: Bearer ${Moderation__Keys__0}" 'http://localhost:7071/api/moderation/comments?status=pending'
    curl -X POST -H "Authorization: Bearer ${Moderation__Keys__0}" http://localhost:7071/api/moderation/comments/POST_ID/COMMENT_ID/approve

  Emails (no SendGrid key: written to the dev outbox, listed newest first)
    Outbox         http://localhost:7071/dev/outbox
    A comment held on the demo blog reaches moderator@example.com there as a digest within about
    two minutes, with one-click Approve / Reject / Spam links.

  Ctrl-C stops everything.
MSG
wait -n "${pids[@]}"
