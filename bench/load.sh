#!/usr/bin/env bash
# Load benchmark: the demo shop under gunicorn (production settings) on loopback, driven by wrk.
# Usage: bash bench/load.sh [seconds per URL] [connections]
# DATABASE_URL / REDIS_URL select the database and cache (default: SQLite file in var/, local memory).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CONNECTIONS="${2:-16}"
PORT="${BENCH_PORT:-8765}"
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }

export DJANGO_SETTINGS_MODULE=cms.settings.production
export SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export WAGTAILADMIN_BASE_URL="http://127.0.0.1:${PORT}"
export SECURE_SSL_REDIRECT=false
export DATABASE_URL="${DATABASE_URL:-sqlite:///$(pwd)/var/bench.sqlite3}"
export STATIC_ROOT="$(pwd)/var/bench-static"
export LOG_LEVEL=WARNING

$PY manage.py migrate --noinput -v0
$PY manage.py seed_demo >/dev/null
$PY manage.py collectstatic --noinput -v0
$PY bench/urls.py > var/bench-urls.txt

WEB_CONCURRENCY="${WEB_CONCURRENCY:-3}" PORT="$PORT" .venv/bin/gunicorn -c cms/gunicorn.conf.py cms.wsgi \
  --daemon --pid var/bench-gunicorn.pid
trap 'kill "$(cat var/bench-gunicorn.pid)" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:${PORT}/en/" && break; sleep 0.2; done

printf "%-40s %10s %10s %10s %8s\n" "url" "req/s" "p50 ms" "p99 ms" "non-2xx"
while read -r url; do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:${PORT}${url}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf "%-40s %10s %10s %10s %8s\n" "$url" "$rps" "$p50" "$p99" "${bad:-0}"
done < var/bench-urls.txt
