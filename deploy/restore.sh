#!/usr/bin/env bash
# Restore a backup made by backup.sh: deploy/restore.sh STAMP (e.g. 20261126T023000Z).
# Replaces the database's tables and the media folder's files; stop nera-web and nera-worker first.
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required}"
stamp=${1:?usage: restore.sh STAMP}
backup_dir=${BACKUP_DIR:-/srv/nera/backups}
media_root=${MEDIA_ROOT:-/srv/nera/media}

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$backup_dir/db-$stamp.dump"
if [ -f "$backup_dir/media-$stamp.tar.gz" ]; then
  mkdir -p "$media_root"
  tar -C "$media_root" -xzf "$backup_dir/media-$stamp.tar.gz"
fi
echo "restored $stamp"
