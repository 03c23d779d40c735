#!/usr/bin/env bash
# Speed and memory of `digest build` and `digest summarize` on the BBC News
# Summary corpus (2,225 articles), and on a quarter of it, to show the cost
# grows near-linearly. Usage: bench/scale.sh [CORPUS_DIR]
# The corpus is read where it lies (default ../shared/eval/bbc-news-summary);
# the quarter is a temporary copy outside the project.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "${1:-$root/../shared/eval/bbc-news-summary}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/digest" "$root"
mkdir -p "$work/quarter"
i=0
for f in "$corpus"/articles/*/*.txt; do
	if (( i % 4 == 0 )); then
		topic=$(basename "$(dirname "$f")")
		mkdir -p "$work/quarter/$topic"
		cp "$f" "$work/quarter/$topic/"
	fi
	i=$((i + 1))
done

# measure NAME CMD...: best wall time of three runs, and the peak RSS.
measure() {
	local name=$1 best="" rss=0
	shift
	for _ in 1 2 3; do
		rm -rf "$work/data"
		/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr"; exit 1; }
		read -r secs kb <"$work/time"
		if [[ -z $best ]] || (($(echo "$secs < $best" | bc))); then best=$secs; fi
		((kb > rss)) && rss=$kb
	done
	printf '%-34s %6.2f s  %5d MB peak\n' "$name" "$best" $((rss / 1024))
	echo "$best" >"$work/$name.secs"
}

for set in full quarter; do
	dir=$corpus/articles
	[[ $set == quarter ]] && dir=$work/quarter
	n=$(find "$dir" -name '*.txt' | wc -l)
	sed "s|drop_folders: \[drop\]|drop_folders: [\"$dir\"]|" "$root/bench/bbc.yaml" >"$work/$set.yaml"
	measure "build-$set ($n articles)" "$work/digest" build --config "$work/$set.yaml" --data-dir "$work/data"
	measure "summarize-$set ($n files)" "$work/digest" summarize --words 200 "$dir"
done

for cmd in build summarize; do
	full=$(cat "$work/$cmd-full ("*.secs)
	quarter=$(cat "$work/$cmd-quarter ("*.secs)
	printf '%s: full / quarter time = %.2f\n' "$cmd" "$(echo "$full / $quarter" | bc -l)"
done
