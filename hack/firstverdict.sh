#!/usr/bin/env bash
# Times `kunerva validate --tree examples/shop <policy>` end to end, the
# command built once: RUNS runs (default 5), each wall time and the median.
# The first run on a machine prepares the control plane's etcd data (in
# ~/.cache/kunerva/seeds) and is reported apart, as "first"; set
# FRESH_SEEDS=1 to start from an empty seed directory, so that it is.
# PHASES=1 also runs BenchmarkFirstVerdict, which splits the time by phase.
# The peak memory of one run follows, where GNU time is installed.
# KUNERVA=path times that binary instead of building one (an older build,
# to compare).
#
#   bash hack/firstverdict.sh
#   RUNS=9 PHASES=1 FRESH_SEEDS=1 bash hack/firstverdict.sh
set -euo pipefail
cd "$(dirname "$0")/.."

GO="${GO:-go}"
RUNS="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

kunerva="${KUNERVA:-${work}/kunerva}"
if [ -z "${KUNERVA:-}" ]; then
  "${GO}" build -o "${kunerva}" ./cmd/kunerva
fi

# The README's policy for the shop tree: valid in every stage.
policy=validate/testdata/bench/allow-db.yaml

if [ "${FRESH_SEEDS:-}" = 1 ]; then
  # The seeds live in the user's cache directory: point it elsewhere.
  export XDG_CACHE_HOME="${work}/cache"
fi

run() {
  local start end
  start="$(date +%s%N)"
  if ! "${kunerva}" validate --tree examples/shop "${policy}" > "${work}/out" 2>&1; then
    echo "kunerva validate failed:" >&2
    cat "${work}/out" >&2
    exit 1
  fi
  end="$(date +%s%N)"
  echo $(((end - start) / 1000000))
}

echo "first: $(run) ms"
times=()
for _ in $(seq "${RUNS}"); do
  times+=("$(run)")
done
echo "runs:  ${times[*]} ms"
printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR] = $1} END {
  m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
  printf "median: %d ms (min %d, max %d) over %d runs\n", m, t[1], t[NR], NR
}'

# Memory: GNU time's peak resident set of kunerva and of each process it
# waited for (kube-apiserver, etcd), the largest of them.
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f '%M' -o "${work}/rss" "${kunerva}" validate --tree examples/shop "${policy}" > /dev/null 2>&1
  echo "memory: peak resident set $(( $(cat "${work}/rss") / 1024 )) MiB (kunerva or the largest process it started)"
  /usr/bin/time -f '%M' -o "${work}/rss" "${kunerva}" validate --tree examples/shop --cluster none "${policy}" > /dev/null 2>&1
  echo "memory without the dry-run: peak resident set $(( $(cat "${work}/rss") / 1024 )) MiB (kunerva alone)"
fi

if [ "${PHASES:-}" = 1 ]; then
  "${GO}" test -run '^$' -bench FirstVerdict -benchtime "${RUNS}x" ./validate/
  "${GO}" test -run '^$' -bench 'Etcd|Start' -benchtime "${RUNS}x" ./internal/controlplane/
fi
