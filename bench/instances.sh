#!/usr/bin/env bash
# Several instances on one PostgreSQL database, next to SQLite with one:
# messages per second to postfix's smtp-sink with 1, 2 and 3 instances
# sending one edition, then peak memory per instance for a large list on
# each backend. Usage: bench/instances.sh [SUBSCRIBERS] [LARGE_LIST]
# (default 20000 1000000). Needs smtp-sink (apt-get install postfix) and
# PostgreSQL (apt-get install postgresql): a throwaway cluster is made in a
# temporary folder and removed at the end. As root, the server runs as the
# postgres user.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-20000}
large=${2:-1000000}
command -v smtp-sink >/dev/null || { echo "smtp-sink not found: apt-get install postfix" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x $pgbin/initdb ]] || { echo "PostgreSQL not found: apt-get install postgresql" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
as_pg=()
if [[ $(id -u) == 0 ]]; then as_pg=(runuser -u postgres --); fi
mkdir "$work/pg" && [[ $(id -u) == 0 ]] && chown postgres "$work/pg"
pgport=$((20000 + RANDOM % 20000))
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg/data" -U digest --auth=trust -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
	-o "-p $pgport -k $work/pg -h 127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
sinkport=$((pgport + 1))
smtp-sink -u nobody "127.0.0.1:$sinkport" 1024 &
sink=$!
trap '"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -m fast stop >/dev/null; kill $sink 2>/dev/null; rm -rf "$work"' EXIT
psql() { "$pgbin/psql" -qAt -h 127.0.0.1 -p "$pgport" -U digest "$@"; }

go build -o "$work/digest" "$root"
export DIGEST_SMTP_ADDR="127.0.0.1:$sinkport" DIGEST_SMTP_TLS=off
cfg=$work/bench.yaml
{ cat "$root/bench/smtp.yaml"; echo "subscribers: []"; } >"$cfg"
sed -i 's/connections: 8/connections: 4/' "$cfg"

# prepare NAME COUNT [URL]: a database (PostgreSQL at URL, else SQLite in
# the data dir) with one built edition and COUNT active subscribers,
# inserted in the database directly (importing a million through the CSV
# command is not what is measured). Prints the edition id.
prepare() {
	local name=$1 count=$2 url=${3:-} now
	now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	DIGEST_DATABASE_URL=$url "$work/digest" build --config "$cfg" --data-dir "$work/$name" >/dev/null
	if [[ -n $url ]]; then
		local db=${url##*/}
		db=${db%%\?*}
		psql -d "$db" -c "INSERT INTO subscribers (address, status, created_at, updated_at)
			SELECT 'reader' || g || '@example.net', 'active', '$now', '$now' FROM generate_series(1, $count) g"
		psql -d "$db" -c "SELECT id FROM editions LIMIT 1"
	else
		python3 - "$work/$name/digest.db" "$count" "$now" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); n = int(sys.argv[2]); now = sys.argv[3]
db.executemany("INSERT INTO subscribers (address, status, created_at, updated_at) VALUES (?, 'active', ?, ?)",
               ((f"reader{i}@example.net", now, now) for i in range(1, n + 1)))
db.commit()
print(db.execute("SELECT id FROM editions LIMIT 1").fetchone()[0])
PY
	fi
}

# send NAME EDITION K [URL]: K `digest send` processes at once on the
# database; prints messages, seconds and each process's peak RSS in MB.
send() {
	local name=$1 id=$2 k=$3 url=${4:-} start end pids=() i
	start=$(date +%s.%N)
	for ((i = 0; i < k; i++)); do
		# On SQLite the data dir holds the database; on PostgreSQL each
		# instance has its own, as on its own machine.
		local dir=$work/$name
		[[ -n $url ]] && dir=$work/$name.$i
		DIGEST_DATABASE_URL=$url /usr/bin/time -f "%M" -o "$work/$name.$i.rss" \
			"$work/digest" send "$id" --config "$cfg" --data-dir "$dir" >"$work/$name.$i.out" 2>&1 &
		pids+=($!)
	done
	for p in "${pids[@]}"; do wait "$p" || { cat "$work/$name".*.out >&2; exit 1; }; done
	end=$(date +%s.%N)
	local sent=0 rss=""
	for ((i = 0; i < k; i++)); do
		s=$(grep -oE '[0-9]+ sent' "$work/$name.$i.out" | head -1 | cut -d' ' -f1)
		sent=$((sent + ${s:-0}))
		rss+="$(($(tail -1 "$work/$name.$i.rss") / 1024)) "
	done
	echo "$sent $(echo "$end - $start" | bc -l) $rss"
}

report() { # label sent secs rss...
	local label=$1 sent=$2 secs=$3
	shift 3
	printf '%-28s %8d messages in %7.2f s: %6.0f msg/s; peak MB per instance: %s\n' "$label" "$sent" "$secs" \
		"$(echo "$sent / $secs" | bc -l)" "$*"
}

echo "$n subscribers, 4 SMTP connections per instance, edition of about 20 KB HTML; $(nproc) cores"
id=$(prepare sqlite "$n")
report "SQLite, 1 instance" $(send sqlite "$id" 1)
for k in 1 2 3; do
	psql -d postgres -c "CREATE DATABASE pg$k"
	url="postgres://digest@127.0.0.1:$pgport/pg$k?sslmode=disable"
	id=$(prepare "pg$k" "$n" "$url")
	report "PostgreSQL, $k instance(s)" $(send "pg$k" "$id" "$k" "$url")
done

if ((large > 0)); then
	echo "$large subscribers:"
	id=$(prepare sqlite-large "$large")
	report "SQLite, 1 instance" $(send sqlite-large "$id" 1)
	psql -d postgres -c "CREATE DATABASE pglarge"
	url="postgres://digest@127.0.0.1:$pgport/pglarge?sslmode=disable"
	id=$(prepare pglarge "$large" "$url")
	report "PostgreSQL, 3 instances" $(send pglarge "$id" 3 "$url")
fi
