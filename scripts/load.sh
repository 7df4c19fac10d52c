#!/usr/bin/env bash
# load.sh — load test of the newsroom demo against a bare in-memory baseline.
#
# Builds examples/newsroom and scripts/bare, starts the demo on a temporary
# SQLite file on 127.0.0.1, starts the bare handler (which serves the exact
# bytes it fetched from the demo), and runs wrk against every endpoint on
# each server in turn. Prints a markdown table to stdout; progress goes to
# stderr. Exits non-zero if any request fails (non-2xx/3xx or socket error).
#
# Throughput on a shared machine drifts by more than the difference being
# measured, so with ROUNDS > 1 each endpoint is measured in rounds whose
# order alternates (demo, bare, then bare, demo, ...): drift that lasts
# longer than a round then weighs on both servers alike. The ratio is that
# of the mean requests per second over the rounds; the p99 is the worst.
#
# Environment:
#   DURATION     wrk duration per run (default 60s)
#   ROUNDS       runs of each server per endpoint, order alternating
#                (default 1)
#   CONNECTIONS  wrk connections (default 64)
#   THREADS      wrk threads (default 2)
#   DEMO_PORT    demo port on 127.0.0.1 (default 18181)
#   BARE_PORT    bare handler port on 127.0.0.1 (default 18182)
#   MAX_RSS_GROWTH_KB  fail when the demo's resident memory grows more than
#                this during the run (default 65536: a leak of even a few
#                hundred bytes per request exceeds it within seconds)
#
# Usage: scripts/load.sh                   # 60 s x 64 connections per endpoint
#        ROUNDS=2 scripts/load.sh          # the same, twice, in ABBA order
#        DURATION=5s scripts/load.sh       # short run (CI)
set -euo pipefail

DURATION=${DURATION:-60s}
ROUNDS=${ROUNDS:-1}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DEMO_PORT=${DEMO_PORT:-18181}
BARE_PORT=${BARE_PORT:-18182}
MAX_RSS_GROWTH_KB=${MAX_RSS_GROWTH_KB:-65536}
HOST=127.0.0.1
DEMO="http://$HOST:$DEMO_PORT"
BARE="http://$HOST:$BARE_PORT"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
pids=()

cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s\n' "$*" >&2; }

command -v wrk >/dev/null || { log "load.sh: wrk not found (apt-get install wrk)"; exit 1; }
command -v curl >/dev/null || { log "load.sh: curl not found"; exit 1; }

# wait_up URL: poll until URL answers, at most 30 s.
wait_up() {
	local i
	for ((i = 0; i < 300; i++)); do
		if curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	log "load.sh: $1 did not come up"
	return 1
}

# rss_kb PID: resident set size in kB.
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

log "building..."
(cd "$root" && go build -o "$work/newsroom" ./examples/newsroom && go build -o "$work/bare" ./scripts/bare)

"$work/newsroom" -addr "$HOST:$DEMO_PORT" -embed-addr '' -db "$work/load.db" \
	>"$work/newsroom.out" 2>"$work/newsroom.err" &
demo_pid=$!
pids+=("$demo_pid")
wait_up "$DEMO/news/"

slug=$(curl -fsS --max-time 5 "$DEMO/news/api/articles?limit=1" |
	grep -o '"slug":"[^"]*"' | head -n 1 | cut -d'"' -f4)
[[ -n $slug ]] || { log "load.sh: no article slug from /news/api/articles"; exit 1; }

paths=(
	/news/
	"/news/articles/$slug"
	/news/embed
	/news/fragment
	/news/api/articles
	/news/feed.rss
	/news/feed.atom
	/news/feed.json
)

"$work/bare" -addr "$HOST:$BARE_PORT" -upstream "$DEMO" "${paths[@]}" \
	>"$work/bare.out" 2>"$work/bare.err" &
pids+=("$!")
wait_up "$BARE/news/"

# Warm the demo's caches once before the baseline RSS is taken.
for p in "${paths[@]}"; do
	curl -fsS -o /dev/null --max-time 5 "$DEMO$p"
done
rss_before=$(rss_kb "$demo_pid")

# bench URL OUT: run wrk, bounded by timeout, writing its report to OUT.
bench() {
	local secs=${DURATION%s}
	[[ $secs =~ ^[0-9]+$ ]] || secs=600
	timeout --signal=KILL "$((secs + 30))" \
		wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 5s --latency "$1" >"$2"
}

# field OUT NAME: one figure from a wrk report.
rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
non2xx() { awk '/Non-2xx or 3xx responses:/ {print $NF}' "$1" | grep . || echo 0; }
sockerr() {
	awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$1" | grep . || echo 0
}

# over WHO FIGURE: FIGURE (rps, p99) of each round's report of WHO (demo,
# bare) for endpoint $i, a line each.
over() {
	local f
	for f in "$work/$1.$i".*; do "$2" "$f"; done
}
# failures WHO: non-2xx answers and socket errors of WHO over the rounds.
failures() {
	local f n=0
	for f in "$work/$1.$i".*; do n=$((n + $(non2xx "$f") + $(sockerr "$f"))); done
	echo "$n"
}
# mean: the mean of the numbers read, one a line, rounded.
mean() { awk '{ s += $1 } END { printf "%.0f", s / NR }'; }
# worst: the largest of the wrk latencies read (812.00us, 9.05ms, 1.20s).
worst() {
	awk '/us$/ { v = $1 / 1000 } /ms$/ { v = $1 + 0 } /[0-9]s$/ && !/[mu]s$/ { v = $1 * 1000 }
		v > m { m = v } END { printf "%.2fms", m }'
}

[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || { log "load.sh: ROUNDS must be a positive integer"; exit 1; }
errors=0
rows=()
i=0
for p in "${paths[@]}"; do
	i=$((i + 1))
	log "[$i/${#paths[@]}] $p ($ROUNDS round(s) of $DURATION on each server)"
	for ((r = 0; r < ROUNDS; r++)); do
		order=(demo bare)
		((r % 2 == 0)) || order=(bare demo)
		for who in "${order[@]}"; do
			base=$DEMO
			[[ $who == demo ]] || base=$BARE
			bench "$base$p" "$work/$who.$i.$r"
		done
	done
	d=$(over demo rps | mean)
	b=$(over bare rps | mean)
	ratio=$(awk -v d="$d" -v b="$b" 'BEGIN { printf "%.2f", (b > 0 ? d / b : 0) }')
	de=$(failures demo)
	be=$(failures bare)
	errors=$((errors + de + be))
	rows+=("| \`$p\` | $d | $b | ${ratio}× | $(over demo p99 | worst) | $(over bare p99 | worst) | $de / $be |")
done
rss_after=$(rss_kb "$demo_pid")

echo "## Load: newsroom demo (SQLite) vs bare in-memory handler"
echo
echo "wrk -t $THREADS -c $CONNECTIONS -d $DURATION --latency, $ROUNDS round(s) per server, 127.0.0.1, $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| endpoint | req/s demo | req/s bare | demo/bare | worst p99 demo | worst p99 bare | errors demo / bare |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Demo RSS: before ${rss_before} kB, after ${rss_after} kB, growth $((rss_after - rss_before)) kB."
echo "Errors (non-2xx/3xx + socket errors): $errors."

status=0
if ((errors > 0)); then
	log "load.sh: $errors failed requests"
	status=1
fi
if ((rss_after - rss_before > MAX_RSS_GROWTH_KB)); then
	log "load.sh: the demo's memory grew by $((rss_after - rss_before)) kB, more than $MAX_RSS_GROWTH_KB kB"
	status=1
fi
exit "$status"
