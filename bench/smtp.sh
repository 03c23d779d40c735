#!/usr/bin/env bash
# Sending throughput to Debian postfix's smtp-sink on loopback, next to
# jordan-wright/email's Pool in the same run, and peak memory for a large
# list. Usage: bench/smtp.sh [SUBSCRIBERS] [LARGE_LIST]   (default 10000 100000)
# Needs smtp-sink (apt-get install postfix) and openssl.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000}
large=${2:-100000}
command -v smtp-sink >/dev/null || { echo "smtp-sink not found: apt-get install postfix" >&2; exit 1; }
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
smtp-sink -u nobody "127.0.0.1:$port" 1024 &
sink=$!
trap 'kill $sink 2>/dev/null; rm -rf "$work"' EXIT
sleep 0.3

go build -o "$work/digest" "$root"
go build -o "$work/poolbaseline" "$root/bench/poolbaseline"
export DIGEST_SMTP_ADDR="127.0.0.1:$port" DIGEST_SMTP_TLS=off

subscribers() { # n file
	{ echo address,name; for ((i = 0; i < $1; i++)); do echo "reader$i@example.net,Reader $i"; done; } >"$2"
}

# setup DIR [extra config lines]: a data dir with one built edition and $n subscribers.
setup() {
	local dir=$1 count=$2 cfg=$1.yaml
	cp "$root/bench/smtp.yaml" "$cfg"
	[[ -n ${3:-} ]] && printf '%s\n' "$3" >>"$cfg"
	"$work/digest" build --config "$cfg" --data-dir "$dir" >/dev/null
	subscribers "$count" "$dir.csv"
	"$work/digest" subscribers import "$dir.csv" --config "$cfg" --data-dir "$dir" >/dev/null 2>&1
}

# ours DIR: send the edition and print messages per second.
ours() {
	local dir=$1 start end
	start=$(date +%s.%N)
	/usr/bin/time -f "%M" -o "$dir.rss" "$work/digest" send --config "$dir.yaml" --data-dir "$dir" >"$dir.out" 2>"$dir.err"
	end=$(date +%s.%N)
	grep -q "finished" "$dir.out" || { cat "$dir.out" "$dir.err"; exit 1; }
	sent=$(sed -E 's/.*: ([0-9]+) sent.*/\1/' "$dir.out")
	echo "$sent $(echo "$end - $start" | bc -l) $(($(cat "$dir.rss") / 1024))"
}

setup "$work/plain" "$n"
html=$(ls "$work"/plain/editions/*/digest.html)
msg=$(ls "$work"/plain/editions/*/digest.txt)
size=$(du -b "$html" | cut -f1)
echo "edition: HTML $size bytes; $n subscribers; 8 connections; SQLite WAL, synchronous=NORMAL, state committed before and after each message"

base=$("$work/poolbaseline" -addr "127.0.0.1:$port" -n "$n" -conns 8 -html "$html" -text "$msg")
echo "$base"
base_rate=$(echo "$base" | sed -E 's/.*: ([0-9.]+) msg\/s/\1/')

read -r sent secs rss < <(ours "$work/plain")
rate=$(echo "$sent / $secs" | bc -l)
printf 'digest send, DKIM off: %d messages in %.2f s: %.0f msg/s (%.2f of the baseline), peak %d MB\n' \
	"$sent" "$secs" "$rate" "$(echo "$rate / $base_rate" | bc -l)" "$rss"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/dkim.pem" 2>/dev/null
setup "$work/dkim" "$n" "mail:
  dkim:
    selector: bench
    key_file: $work/dkim.pem"
read -r sent secs rss < <(ours "$work/dkim")
rate=$(echo "$sent / $secs" | bc -l)
printf 'digest send, DKIM RSA-2048 on: %d messages in %.2f s: %.0f msg/s (%.2f of the baseline), peak %d MB\n' \
	"$sent" "$secs" "$rate" "$(echo "$rate / $base_rate" | bc -l)" "$rss"

if ((large > 0)); then
	setup "$work/large" "$large"
	read -r sent secs rss < <(ours "$work/large")
	printf 'digest send, %d subscribers: %.2f s, peak %d MB\n' "$sent" "$secs" "$rss"
fi
