#!/usr/bin/env bash
# search.sh [N...] - measure dateline's client-side search against Pagefind 1.x on the same
# generated news archive of N articles (default: 10000 100000), and print side by side:
# index time, peak memory, index size, bytes a query loads, time to first results after
# the fetches, and top-3 hits on the same 20 queries.
#
#   bench/search.sh 10000
#   ROUNDS=3 bench/search.sh 10000 100000
#
# For each N: generate the corpus (kept in WORK for the next run), build it cold with
# dateline twice a round, without the search index (DATELINE_NO_SEARCH=1) and with it;
# "index time" is the median of the rounds' differences, also as a share of the median
# build without, in wall and in CPU (user + system) time. Then run Pagefind on dateline's output, article pages only (--glob), cold
# as well, and finally bench/searchq, which loads both engines' search pages in headless
# Chromium for each query (see its package doc for what it measures and how).
#
# Index size: the bytes of the files (apparent size), the disk they take (du, 4 KB
# blocks), and the file count; dateline's /search/ less search/index.html (the page),
# Pagefind's whole /pagefind/ (which includes ~430 KB of its optional UI scripts and CSS).
#
# Environment: WORK (scratch, default /tmp/dateline-search), SEED (1), ROUNDS (cold builds
# of each kind per N: default 3 up to 20,000 articles, 1 above), PAGEFIND (the binary;
# default: npm install pagefind@1 into WORK/pf), PF_MEM_LIMIT_MB (stop Pagefind when its
# resident memory passes this, so that it cannot take down the machine; default: the
# memory available at the start less 3 GB, at most 75% of RAM), REPS (runs of each query
# in searchq, the median one counting; default 3), SKIP_PAGEFIND=1.
# Needs GNU time (apt-get install -y time), Chromium and npm.
set -euo pipefail
[[ $# -gt 0 ]] || set -- 10000 100000
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/dateline-search}
SEED=${SEED:-1}
mkdir -p "$WORK"
mem_total_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
mem_avail_kb=$(awk '/^MemAvailable:/ {print $2}' /proc/meminfo)
PF_MEM_LIMIT_MB=${PF_MEM_LIMIT_MB:-$(( (mem_avail_kb - 3145728 < mem_total_kb * 3 / 4 ? mem_avail_kb - 3145728 : mem_total_kb * 3 / 4) / 1024 ))}

(cd "$HERE" && go build -o "$WORK/dateline" ./cmd/dateline && go build -o "$WORK/searchq" ./bench/searchq)
if [[ -z ${SKIP_PAGEFIND:-} && -z ${PAGEFIND:-} ]]; then
  [[ -x $WORK/pf/node_modules/.bin/pagefind ]] || npm install --silent --prefix "$WORK/pf" pagefind@1 >&2
  # The native binary the npm wrapper would spawn, so that time and the memory watch see it.
  for PAGEFIND in "$WORK"/pf/node_modules/@pagefind/*/bin/pagefind_extended "$WORK"/pf/node_modules/@pagefind/*/bin/pagefind; do
    [[ -x $PAGEFIND ]] && break
  done
  [[ -x $PAGEFIND ]] || { echo "no Pagefind binary under $WORK/pf/node_modules/@pagefind" >&2; exit 1; }
fi
[[ -n ${SKIP_PAGEFIND:-} ]] || PF_VERSION=$("$PAGEFIND" --version | sed "s/^pagefind //")

# clear moves the last output aside instead of deleting it, and writes everything out.
# ext4 will not reuse an inode freed in the last 60 to 360 s and looks past every such
# inode for each new file (see settle in compare.sh), so deleting 15,000 files before a
# build slows the build down; the outputs moved aside are deleted when the script ends,
# after the last measurement. Unlike dropping the caches, this leaves other work on the
# machine alone; the site's sources stay in the page cache, as for any build.
clear() {
  local to
  mkdir -p "$WORK/trash"
  to=$(mktemp -d "$WORK/trash/XXXXXX")
  for p in "$@"; do
    [[ ! -e $p ]] || mv "$p" "$to/"
  done
  sync
}
trap 'rm -rf "$WORK/trash"' EXIT

# timed CMD... runs a command under GNU time and prints "wall-seconds kilobytes
# cpu-seconds status", CPU being user plus system time, which a loaded machine disturbs
# less than the wall.
timed() {
  local status=0
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.out" "$@" >"$WORK/cmd.out" 2>&1 || status=$?
  [[ $status -eq 0 ]] || tail -5 "$WORK/cmd.out" >&2
  tail -1 "$WORK/time.out" | awk -v s="$status" '{print $1, $2, $3 + $4, s}'
}

# pagefind_timed SITE runs Pagefind on SITE's article pages under GNU time, stopping it
# (by its own pid) if its resident memory passes PF_MEM_LIMIT_MB; prints like timed.
pagefind_timed() {
  local site=$1 status=0 pf="" rss
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.out" "$PAGEFIND" --site "$site" \
    --glob '*/[0-9][0-9]/[0-9][0-9]/*/index.html' >"$WORK/cmd.out" 2>&1 &
  local tpid=$!
  while kill -0 "$tpid" 2>/dev/null; do
    [[ -n $pf ]] || pf=$(pgrep -P "$tpid" | head -1 || true)
    if [[ -n $pf ]]; then
      rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pf/status" 2>/dev/null || echo 0)
      if [[ ${rss:-0} -gt $((PF_MEM_LIMIT_MB * 1024)) ]]; then
        echo "# pagefind passed $PF_MEM_LIMIT_MB MB resident: stopping it" >&2
        kill "$pf" 2>/dev/null || true
      fi
    fi
    sleep 1
  done
  wait "$tpid" || status=$?
  [[ $status -eq 0 ]] || tail -5 "$WORK/cmd.out" >&2
  tail -1 "$WORK/time.out" | awk -v s="$status" '{print $1, $2, $3 + $4, s}'
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# size DIR [EXCLUDE] prints "bytes du-kilobytes files" of a folder, less one file.
size() {
  local dir=$1 ex=${2:-}
  find "$dir" -type f ! -path "$ex" -printf '%s %b\n' |
    awk '{b += $1; k += $2 / 2; n++} END {printf "%d %d %d\n", b, k, n}'
}

load() { cut -d' ' -f1 /proc/loadavg; }

# corpus N makes (or reuses) the corpus and a site folder for it; sets CORPUS, SITE, OUT.
corpus() {
  CORPUS=$WORK/corpus-$1-$SEED
  if [[ ! -d $CORPUS ]]; then
    (cd "$HERE" && go run ./bench/gencorpus -n "$1" -seed "$SEED" -out "$CORPUS.tmp")
    mv "$CORPUS.tmp" "$CORPUS"
  fi
  SITE=$WORK/site-$1
  clear "$SITE" && mkdir -p "$SITE" && cp -al "$CORPUS/content" "$SITE/"
  printf 'title = "Dateline Bench"\nbaseURL = "https://dateline.example/"\n' >"$SITE/dateline.toml"
  OUT=$SITE/public
}

# bench_dateline N ROUNDS builds cold without the index and with it, in turn (without
# first, so the output left behind has the index), and sets DL_ROW, the start of its table
# row, and WO_T, the median build without. The index
# costs the median of the rounds' differences, which drift between rounds cancels out of.
bench_dateline() {
  local n=$1 rounds=$2 r kind t m c s loads=()
  local -a wo_t=() wo_m=() wo_c=() w_t=() w_m=() w_c=() d_t=() d_c=()
  for r in $(seq "$rounds"); do
    for kind in without with; do
      clear "$OUT" "$SITE/.dateline-cache" "$SITE/.public.dateline-spare"
      loads+=("$(load)")
      if [[ $kind == without ]]; then
        read -r t m c s < <(DATELINE_NO_SEARCH=1 timed "$WORK/dateline" build --source "$SITE")
        [[ ! -e $OUT/search/meta.z ]] || echo "# DATELINE_NO_SEARCH=1 did not skip the index: the index time is meaningless" >&2
        wo_t+=("$t"); wo_m+=("$m"); wo_c+=("$c")
      else
        read -r t m c s < <(timed "$WORK/dateline" build --source "$SITE")
        w_t+=("$t"); w_m+=("$m"); w_c+=("$c")
        d_t+=("$(awk -v a="$t" -v b="${wo_t[-1]}" 'BEGIN {print a - b}')")
        d_c+=("$(awk -v a="$c" -v b="${wo_c[-1]}" 'BEGIN {print a - b}')")
      fi
      [[ $s -eq 0 ]] || { echo "dateline build failed (exit $s)" >&2; exit 1; }
      echo "# N=$n round $r dateline $kind index: wall $t s, CPU $c s, $((m / 1024)) MB, load before ${loads[-1]}" >&2
    done
  done
  [[ -e $OUT/search/meta.z ]] || { echo "dateline wrote no $OUT/search/meta.z" >&2; exit 1; }
  WO_T=$(median "${wo_t[@]}")
  read -r b k f < <(size "$OUT/search" "$OUT/search/index.html")
  DL_ROW=$(awk -v n="$n" -v r="$rounds" -v dt="$(median "${d_t[@]}")" -v dc="$(median "${d_c[@]}")" \
    -v wot="$WO_T" -v woc="$(median "${wo_c[@]}")" -v wt="$(median "${w_t[@]}")" -v wc="$(median "${w_c[@]}")" \
    -v wm="$(median "${w_m[@]}")" -v wom="$(median "${wo_m[@]}")" -v b="$b" -v k="$k" -v f="$f" \
    -v load="$(median "${loads[@]}")" 'BEGIN {
    printf "| %d | dateline | %.2f s, +%.0f%% (CPU %.1f s, +%.0f%%) | %.2f s (CPU %.1f s) | %d MB (+%d MB) | %.2f MB / %.1f MB / %d | ",
      n, dt, 100 * dt / wot, dc, 100 * dc / woc, wt, wc, wm / 1024, (wm - wom) / 1024, b / 1e6, k / 1024, f
    printf "%d (load %.1f)", r, load }')
}

# bench_pagefind N ROUNDS runs Pagefind cold on the output and sets PF_ROW, the start of
# its table row, and PF_OK, whether it finished.
bench_pagefind() {
  local n=$1 rounds=$2 r t m c s=0 loads=()
  local -a p_t=() p_m=() p_c=()
  for r in $(seq "$rounds"); do
    clear "$OUT/pagefind"
    loads+=("$(load)")
    read -r t m c s < <(pagefind_timed "$OUT")
    p_t+=("$t"); p_m+=("$m"); p_c+=("$c")
    echo "# N=$n round $r pagefind: wall $t s, CPU $c s, $((m / 1024)) MB, exit $s, load before ${loads[-1]}" >&2
    [[ $s -eq 0 ]] || break
  done
  PF_OK=$([[ $s -eq 0 ]] && echo 1 || echo "")
  if [[ -z $PF_OK ]]; then
    PF_ROW=$(awk -v n="$n" -v t="$t" -v m="$m" -v s="$s" 'BEGIN {
      printf "| %d | Pagefind | failed (exit %d) after %.1f s | | %d MB when it ended | | 1 | | | |", n, s, t, m / 1024 }')
    return
  fi
  read -r b k f < <(size "$OUT/pagefind")
  PF_ROW=$(awk -v n="$n" -v r="${#p_t[@]}" -v t="$(median "${p_t[@]}")" -v c="$(median "${p_c[@]}")" -v m="$(median "${p_m[@]}")" \
    -v wot="$WO_T" -v b="$b" -v k="$k" -v f="$f" -v load="$(median "${loads[@]}")" 'BEGIN {
    printf "| %d | Pagefind | %.2f s (CPU %.1f s) | %.2f s: dateline without index + Pagefind | %d MB | %.2f MB / %.1f MB / %d | %d (load %.1f)",
      n, t, c, wot + t, m / 1024, b / 1e6, k / 1024, f, r, load }')
}

# query_cols N ENGINE prints the searchq columns of an engine's row.
query_cols() {
  local file=$WORK/searchq-$1.md
  field() { grep "^summary engine=$2 " "$file" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  awk -v bm="$(field bytes_median "$2")" -v bx="$(field bytes_max "$2")" -v tm="$(field ms_median "$2")" \
    -v tx="$(field ms_max "$2")" -v h="$(field hits "$2")" -v hh="$(field headline_hits "$2")" -v q="$(field queries "$2")" \
    -v e="$(field errors "$2")" 'BEGIN {
    printf " | %.1f / %.1f KB | %.1f / %.1f ms | %d (%d) of %d%s |", bm / 1024, bx / 1024, tm, tx, h, hh, q, (e > 0 ? ", " e " errors" : "") }'
}

ROWS=()
for N in "$@"; do
  ROUNDS_N=${ROUNDS:-$([[ $N -le 20000 ]] && echo 3 || echo 1)}
  corpus "$N"
  bench_dateline "$N" "$ROUNDS_N"
  PF_OK=""
  [[ -n ${SKIP_PAGEFIND:-} ]] || bench_pagefind "$N" "$ROUNDS_N"
  engines=dateline
  [[ -z $PF_OK ]] || engines=both
  "$WORK/searchq" -site "$OUT" -corpus "$CORPUS" -print-queries >"$WORK/queries-$N.tsv"
  "$WORK/searchq" -site "$OUT" -queries "$WORK/queries-$N.tsv" -engine "$engines" -reps "${REPS:-3}" -v >"$WORK/searchq-$N.md"
  echo "# N=$N per-query figures: $WORK/searchq-$N.md" >&2
  ROWS+=("$DL_ROW$(query_cols "$N" dateline)")
  if [[ -n $PF_OK ]]; then
    ROWS+=("$PF_ROW$(query_cols "$N" pagefind)")
  elif [[ -z ${SKIP_PAGEFIND:-} ]]; then
    ROWS+=("$PF_ROW")
  fi
done

echo
dirty=$(cd "$HERE" && git status --porcelain 2>/dev/null | head -1)
echo "dateline $(cd "$HERE" && git rev-parse --short HEAD 2>/dev/null || echo '?')${dirty:+ (with uncommitted changes)}, ${PF_VERSION:+Pagefind $PF_VERSION, }$(nproc) CPUs, $((mem_total_kb / 1024 / 1024)) GB RAM; corpus seed $SEED"
echo
echo "| articles | engine | index time | whole build | peak memory | index: MB / MB on disk / files | runs (median load) | bytes per query: median / max | ms to first results after the fetches: median / max | top-3 hits |"
echo "|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|"
printf '%s\n' "${ROWS[@]}"
cat <<'EOF2'

- index time: dateline, the median over rounds of (cold build with the index − cold build
  without it, DATELINE_NO_SEARCH=1), and that as a share of the median build without;
  Pagefind, its run on dateline's output (article pages only). CPU = user + system.
- peak memory: GNU time's maximum resident set, median; for dateline, in brackets, what the
  index adds to the build without it.
- index: apparent size, disk used (du), files; dateline's search/ without its page,
  Pagefind's pagefind/ with its UI bundles.
- bytes per query: what the search page fetched for one query with an empty cache (script,
  index, wasm; not the page itself nor CSS), counted by the server; KB = 1024 bytes.
  dateline's page shows 20 results, the Pagefind page loads data() of its first 3.
- top-3 hits: queries whose expected article is in the top 3; in brackets, those whose top 3
  hold it or another article whose headline has every word of the query (a "rival").
- Limits (the issue): indexing adds at most 15% to a cold build; at 100,000 articles a
  query loads at most 100 KB, and first results show within 100 ms of the fetches.
EOF2
