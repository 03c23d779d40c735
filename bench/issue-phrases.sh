#!/usr/bin/env bash
# Checks that no phrase an issue quotes appears in digest/clean, in the
# synthetic set's generator, or in what the generator makes: cleaning
# must generalize, not learn the examples of the issue that asked for it.
# Usage: bench/issue-phrases.sh ISSUE.txt [SEEDS]
# The issue is read where it lies and nothing of it is stored. A phrase
# is any "…" or “…” quotation; besides whole phrases, every run of four
# words of a phrase is looked for in the generated files, so a phrase
# rebuilt from template parts is caught too. SEEDS (default "1 2 3")
# are the synthetic sets generated, 300 articles each.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
issue=${1:?usage: bench/issue-phrases.sh ISSUE.txt [SEEDS]}
seeds=${2:-1 2 3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# words FILE...: each file's text lower-cased, as words joined by single
# spaces on one line, with a space at each end so that " a b c d " only
# matches whole words.
words() { for f in "$@"; do printf ' '; tr '[:upper:]' '[:lower:]' <"$f" | tr -cs '[:alnum:]' ' '; echo ' '; done; }

grep -oE '"[^"]{4,}"|“[^”]{4,}”' "$issue" | sed -E 's/^["“]//; s/["”]$//; s/…$//; s/\.\.\.$//; s/[[:space:]]+$//' |
	grep ' ' | sort -u >"$work/phrases"
echo "$(wc -l <"$work/phrases") quoted phrases in $issue"
words "$work/phrases" | awk '{ for (i = 1; i + 3 <= NF; i++) print " " $i, $(i+1), $(i+2), $(i+3) " " }' | sort -u >"$work/grams"

go build -o "$work/digest" "$root"
for s in $seeds; do
	(cd "$root" && "$work/digest" eval cleaning --synthetic --n 300 --seed "$s" --dump "$work/set-$s" >/dev/null)
done

failed=0
sources=$(find "$root/digest/clean" "$root/digest/eval/synth" -type f)
# shellcheck disable=SC2086
if grep -iF -f "$work/phrases" $sources; then
	echo "FAIL: a quoted phrase is in the cleaner's or the generator's source (above)"
	failed=1
fi
if grep -rilF -f "$work/phrases" "$work"/set-*/ --include='synth-*' >"$work/hits"; then
	echo "FAIL: a quoted phrase is in generated files: $(wc -l <"$work/hits") files"
	failed=1
fi
words "$work"/set-*/synth-* >"$work/generated"
if [ -s "$work/grams" ] && grep -oF -f "$work/grams" "$work/generated" | sort | uniq -c | sort -rn >"$work/gram-hits" && [ -s "$work/gram-hits" ]; then
	echo "FAIL: four-word runs of quoted phrases in generated files:"
	cat "$work/gram-hits"
	failed=1
fi
if [ "$failed" = 0 ]; then
	echo "ok: no quoted phrase, nor four words of one, in digest/clean, digest/eval/synth or $(ls "$work"/set-*/synth-* | wc -l) generated files"
fi
exit "$failed"
