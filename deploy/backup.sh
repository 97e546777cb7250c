#!/usr/bin/env bash
# Nightly backup of the database (pg_dump, custom format) and the uploaded media.
# Backups hold personal data too: they are kept BACKUP_KEEP_DAYS days, so an erasure reaches the
# last backup that still holds the person within that many days (docs/deployment.md).
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL is required}"
backup_dir=${BACKUP_DIR:-/srv/nera/backups}
media_root=${MEDIA_ROOT:-/srv/nera/media}
keep_days=${BACKUP_KEEP_DAYS:-14}
stamp=$(date -u +%Y%m%dT%H%M%SZ)

umask 077
mkdir -p "$backup_dir"
pg_dump --format=custom --no-owner --no-privileges --file="$backup_dir/db-$stamp.dump.part" "$DATABASE_URL"
mv "$backup_dir/db-$stamp.dump.part" "$backup_dir/db-$stamp.dump"
if [ -d "$media_root" ]; then
  tar -C "$media_root" -czf "$backup_dir/media-$stamp.tar.gz.part" .
  mv "$backup_dir/media-$stamp.tar.gz.part" "$backup_dir/media-$stamp.tar.gz"
fi
find "$backup_dir" -maxdepth 1 \( -name 'db-*.dump' -o -name 'media-*.tar.gz' \) -mtime +"$keep_days" -delete
echo "backup $stamp written to $backup_dir"
