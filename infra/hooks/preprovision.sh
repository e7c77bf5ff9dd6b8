#!/bin/sh
# azd preprovision hook: makes sure the azd environment holds the app's secrets before Bicep runs.
# On a workstation it generates a signing key and a moderator key once and stores them in the azd
# environment (.azure/<env>/.env, git-ignored); later runs reuse them, so links and keys keep working.
# In CI (CI=true) nothing is generated: a fresh runner would otherwise rotate the keys on every run,
# so the workflow must pass BLOG_SIGNING_KEY and BLOG_MODERATOR_KEYS from its secrets.
set -eu

random_key() {
  # $1 bytes of randomness, URL-safe characters only (keys travel in headers and env files).
  head -c "$1" /dev/urandom | base64 | tr -d '\n=' | tr '+/' '-_'
}

ensure() {
  name=$1
  value=$2
  current=$(printenv "$name" 2>/dev/null || true)
  if [ -n "$current" ]; then
    return 0
  fi
  if [ "${CI:-}" = "true" ]; then
    echo "preprovision: $name is not set; add it as a secret of the deploy workflow (see README, Deploy)" >&2
    exit 1
  fi
  azd env set "$name" "$value" >/dev/null
  echo "preprovision: generated $name and stored it in the azd environment"
}

ensure BLOG_SIGNING_KEY "$(random_key 48)"
ensure BLOG_MODERATOR_KEYS "mod-$(random_key 24)"

if [ -z "${BLOG_CORS_ALLOWED_ORIGINS:-}" ]; then
  echo "preprovision: BLOG_CORS_ALLOWED_ORIGINS is empty, so no blog page may call the API yet;" >&2
  echo "  set it with: azd env set BLOG_CORS_ALLOWED_ORIGINS https://your-blog.example" >&2
fi
if [ -z "${SENDGRID_API_KEY:-}" ]; then
  # The app refuses to start in Azure without a key (no silent outbox there): stop before deploying it.
  echo "preprovision: SENDGRID_API_KEY is not set; the app needs a SendGrid key with Mail Send permission" >&2
  echo "  set it with: azd env set SENDGRID_API_KEY SG.xxxx   (a free SendGrid account is enough)" >&2
  exit 1
fi
