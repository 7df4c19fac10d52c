#!/usr/bin/env bash
# bench.sh — runs every Go benchmark of the project COUNT times and
# summarises each package with benchstat: medians with their 95 %
# confidence interval, and, where a benchmark measures a baseline beside
# our code in the same run (sub-benchmarks named impl=…), a table with one
# column per implementation and the ratio of each to the first.
#
# Environment:
#   COUNT    runs of each benchmark (default 6, the fewest benchstat uses
#            for a confidence interval at 95 %)
#   OUT      directory for the raw outputs (default: a new temporary one)
#   PKGS     packages to run (default: all with benchmarks); a package
#            with a go.mod of its own (benchmarks/hugorelated, which
#            compares the related items with Hugo's) is run from its
#            directory with the Go toolchain its go.mod names
#   ORGNEWS_TEST_POSTGRES  adds the PostgreSQL columns of news/sqlstore
#   ORGNEWS_BENCH_N        archive size of news/sqlstore and
#                          benchmarks/hugorelated (default 100000)
#
# Usage: scripts/bench.sh > bench.md
set -euo pipefail

COUNT=${COUNT:-6}
OUT=${OUT:-$(mktemp -d)}
PKGS=${PKGS:-"news news/memstore news/sqlstore feed widget benchmarks/hugorelated"}
BENCHSTAT=golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
mkdir -p "$OUT"
log() { printf '%s\n' "$*" >&2; }

# benchtime PKG: iterations per run. The archive benchmarks fix the count,
# so that every run measures the same operations.
benchtime() {
	case $1 in
	news) echo 3x ;;
	news/memstore | news/sqlstore) echo 200x ;;
	benchmarks/hugorelated) echo 1x ;; # one Hugo lookup pass takes minutes
	*) echo 1s ;;
	esac
}

# gotest PKG ARGS...: go test ARGS on PKG, from PKG's own module when it
# has one, with the toolchain that module's go.mod names.
gotest() {
	local pkg=$1
	shift
	if [[ -f $pkg/go.mod ]]; then
		local tc
		tc=$(awk '$1 == "toolchain" {print $2}' "$pkg/go.mod")
		(cd "$pkg" && GOTOOLCHAIN=${tc:-$(go env GOTOOLCHAIN)} go test "$@" .)
	else
		go test "$@" "./$pkg"
	fi
}

echo "# Benchmarks, $(date -u +%Y-%m-%d)"
echo
echo "$(go version), $(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
for pkg in $PKGS; do
	raw="$OUT/${pkg//\//_}.txt"
	log "bench.sh: $pkg ($COUNT runs) → $raw"
	gotest "$pkg" -run '^$' -bench . -benchmem -benchtime "$(benchtime "$pkg")" -count "$COUNT" -timeout 3h >"$raw"
	echo
	echo "## $pkg"
	echo
	echo '```'
	if [[ -f $pkg/go.mod ]]; then
		echo "cd $pkg && GOTOOLCHAIN=$(awk '$1 == "toolchain" {print $2}' "$pkg/go.mod") go test -run '^\$' -bench . -benchmem -benchtime $(benchtime "$pkg") -count $COUNT ."
	else
		echo "go test -run '^\$' -bench . -benchmem -benchtime $(benchtime "$pkg") -count $COUNT ./$pkg"
	fi
	go run "$BENCHSTAT" "$raw"
	# Each benchmark that measures a baseline beside our code: one column
	# per implementation, each compared with the first (the baseline).
	for name in $(grep -o '^Benchmark[^/ ]*/.*impl=' "$raw" | cut -d/ -f1 | sort -u); do
		echo
		echo "# ${name#Benchmark}: each implementation against the first, in the same run"
		go run "$BENCHSTAT" -filter ".name:${name#Benchmark}" -col /impl "$raw"
	done
	echo '```'
done
