#!/usr/bin/env bash
# Sign-up answer times for new and for active addresses, by the form and by
# the JSON API, while the process's worker sends the confirmations through a
# real SMTP relay (digest/testkit/smtptest) that takes 200 ms per message: the Go
# benchmark BenchmarkSignupAnswer in digest/web, whose runs alternate the two
# kinds. A request only checks the address and queues a row, whatever the
# address, so the two should differ by no more than noise.
# Usage: bench/signup-timing.sh [REQUESTS_PER_RUN] [RUNS]   (default 400 5)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-400}
runs=${2:-5}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

cd "$root"
go test -run '^$' -bench 'BenchmarkSignupAnswer' -benchtime "${n}x" -count "$runs" ./digest/web >"$out"
grep '^Benchmark' "$out"

# For each face and kind: the mean over runs of each run's median and mean
# answer time, with the lowest and highest run.
awk -v relay="200 ms" '
/^BenchmarkSignupAnswer\// {
	face = $1; sub(/^BenchmarkSignupAnswer\//, "", face); sub(/-[0-9]+$/, "", face)
	for (i = 3; i < NF; i += 2) {
		key = face SUBSEP $(i + 1)
		v = $i + 0
		sum[key] += v; cnt[key]++
		if (!(key in lo) || v < lo[key]) lo[key] = v
		if (!(key in hi) || v > hi[key]) hi[key] = v
	}
}
END {
	printf "\nsign-up answer, µs (relay %s per message; mean over runs [lowest–highest run])\n", relay
	printf "%-6s %-8s %22s %22s\n", "face", "address", "median", "mean"
	split("form api", faces, " "); split("new active", kinds, " ")
	for (f = 1; f <= 2; f++) for (k = 1; k <= 2; k++) {
		m = faces[f] SUBSEP kinds[k] "-median-µs"; a = faces[f] SUBSEP kinds[k] "-mean-µs"
		if (!(m in cnt)) continue
		printf "%-6s %-8s %8.0f [%5.0f–%5.0f] %8.0f [%5.0f–%5.0f]\n", faces[f], kinds[k],
			sum[m] / cnt[m], lo[m], hi[m], sum[a] / cnt[a], lo[a], hi[a]
	}
}' "$out"
