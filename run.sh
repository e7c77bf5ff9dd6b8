#!/usr/bin/env bash
# Starts Azurite (data in .azurite/) and the SelfHost with the demo blog. Ctrl-C stops both.
# Ports: PORT (API, 7071), DEMO_PORT (demo blog, 8080), AZURITE_PORT (Azurite's table service,
# 10002) and AZURITE_QUEUE_PORT (its queue service, 10001; data of both in AZURITE_DIR, .azurite),
# e.g. `PORT=7072 ./run.sh` while Core Tools' `func start` holds 7071.
set -euo pipefail
cd "$(dirname "$0")"
PORT="${PORT:-7071}" DEMO_PORT="${DEMO_PORT:-8080}" AZURITE_PORT="${AZURITE_PORT:-10002}"
AZURITE_QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
AZURITE_DIR="${AZURITE_DIR:-.azurite}"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
busy() {
  echo "run: port $1 ($2) is already in use; stop what holds it or choose another, e.g. $3=$(($1 + 1)) ./run.sh" >&2
  exit 1
}
for p in "$PORT:API:PORT" "$DEMO_PORT:demo blog:DEMO_PORT"; do
  IFS=: read -r port what var <<<"$p"
  if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
    echo "run: $var must be a port number (1-65535), not '$port'" >&2
    exit 1
  fi
  if listening "$port"; then busy "$port" "$what" "$var"; fi
done

SETUP_CHROMIUM=0 source scripts/setup.sh
source scripts/dev-secrets.sh

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# Azurite's table service (comments, subscribers, posts) and queue service (the work that follows
# an event: projection, moderator digest, newsletter steps), one process each.
azurite_probe() { # service port: 0 when an Azurite of that service answers there
  local probe=/Tables; [ "$1" = queue ] && probe="?comp=list"
  curl -s "http://127.0.0.1:$2/devstoreaccount1$probe" 2>/dev/null \
    | grep -q "odata\|AuthorizationFailure\|AuthenticationFailed\|ResourceNotFound\|EnumerationResults"
}
# Both ports are checked before either service starts, so a busy one leaves nothing behind.
reuse=()
for s in "table:$AZURITE_PORT:AZURITE_PORT" "queue:$AZURITE_QUEUE_PORT:AZURITE_QUEUE_PORT"; do
  IFS=: read -r service port var <<<"$s"
  if ! listening "$port"; then continue; fi
  # Reuse an Azurite that is already running (another ./run.sh, an IDE's); anything else is a busy port.
  if azurite_probe "$service" "$port"; then reuse+=("$service"); else busy "$port" "Azurite $service service" "$var"; fi
done
for s in "table:$AZURITE_PORT" "queue:$AZURITE_QUEUE_PORT"; do
  IFS=: read -r service port <<<"$s"
  if [[ " ${reuse[*]} " == *" $service "* ]]; then
    echo "run: Azurite's $service service already listens on 127.0.0.1:$port; using it"
    continue
  fi
  mkdir -p "$AZURITE_DIR"
  # --skipApiVersionCheck: the Storage SDKs speak a newer service version than the pinned Azurite knows.
  "node_modules/.bin/azurite-$service" "--${service}Host" 127.0.0.1 "--${service}Port" "$port" --location "$AZURITE_DIR" \
    --skipApiVersionCheck --silent --disableTelemetry &
  pids+=($!)
done
# The SelfHost checks storage as it starts: let Azurite listen first (slow on a busy machine).
for _ in $(seq 1 100); do listening "$AZURITE_PORT" && listening "$AZURITE_QUEUE_PORT" && break; sleep 0.2; done

api="http://localhost:$PORT" demo="http://localhost:$DEMO_PORT"
export Urls="$api" PublicBaseUrl="$api" Demo__Url="$demo" Web__PostUrlTemplate="$demo/posts/{postId}" \
  Cors__AllowedOrigins__0="$demo" Cors__AllowedOrigins__1="http://127.0.0.1:$DEMO_PORT" \
  AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;"
dotnet build src/BlogFunctions.SelfHost -c Debug -v quiet -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Development
dotnet src/BlogFunctions.SelfHost/bin/Debug/net10.0/BlogFunctions.SelfHost.dll \
  --contentRoot "$PWD/src/BlogFunctions.SelfHost" &
pids+=($!)

up=0
for _ in $(seq 1 120); do
  # The demo blog starts just after the API: the banner waits for both.
  if curl -fsS "$api/api/health" >/dev/null 2>&1 && curl -fsS "$demo/" >/dev/null 2>&1; then up=1; break; fi
  kill -0 "${pids[-1]}" 2>/dev/null || break
  sleep 0.5
done
if [ "$up" -ne 1 ]; then
  echo "run: the SelfHost did not become healthy on $api (see the output above)" >&2
  exit 1
fi

cat <<MSG

  BlogFunctions is running.
    API            $api/api   (OpenAPI: $api/api/openapi.json)
    Demo blog      $demo/
    Moderation UI  $api/api/moderation/ui
    Moderator key  ${Moderation__Keys__0}

  Approve with curl:
    curl -H "Authorization: Bearer ${Moderation__Keys__0}" '$api/api/moderation/comments?status=pending'
    curl -X POST -H "Authorization: Bearer ${Moderation__Keys__0}" $api/api/moderation/comments/POST_ID/COMMENT_ID/approve

  Emails (no SendGrid key: written to the dev outbox, listed newest first)
    Outbox         $api/dev/outbox
    A comment held on the demo blog reaches moderator@example.com there as a digest within about
    two minutes, with one-click Approve / Reject / Spam links.

  Ctrl-C stops everything.
MSG
wait -n "${pids[@]}"
