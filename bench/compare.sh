#!/usr/bin/env bash
# compare.sh N [ROUNDS] - build the same generated news archive of N articles with
# dateline and with Hugo, cold, in alternating rounds (so machine drift hits both alike),
# and print for each the median wall time and peak memory, then dateline/Hugo ratios.
# dateline's warm builds are timed after each cold one: nothing changed; one article
# edited (the first edit after a cold build); the same article edited again (every later
# edit). Needs GNU time (apt-get install -y time) and Hugo (apt-get install -y hugo).
#
#   bench/compare.sh 10000 3
#
# Environment: WORK (scratch, default /tmp/dateline-compare), HUGO (default hugo),
# HUGO_SITE (the equivalent Hugo site, default ../shared/bench/sites/hugo), SEED (1),
# SKIP_HUGO=1 to time dateline alone, SETTLE (seconds to wait after deleting the last
# output instead of dropping the caches, which needs root; see settle below; default 400).
set -euo pipefail
N=${1:?usage: compare.sh N [ROUNDS]}
ROUNDS=${2:-3}
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-/tmp/dateline-compare}
HUGO=${HUGO:-hugo}
HUGO_SITE=${HUGO_SITE:-$HERE/../shared/bench/sites/hugo}
SEED=${SEED:-1}
mkdir -p "$WORK"

(cd "$HERE" && go build -o "$WORK/dateline" ./cmd/dateline)
CORPUS=$WORK/corpus-$N-$SEED
if [[ ! -d $CORPUS ]]; then
  (cd "$HERE" && go run ./bench/gencorpus -n "$N" -seed "$SEED" -out "$CORPUS.tmp")
  mv "$CORPUS.tmp" "$CORPUS"
fi

DL=$WORK/dateline-$N
rm -rf "$DL" && mkdir -p "$DL" && cp -al "$CORPUS/content" "$DL/"
printf 'title = "Dateline Bench"\nbaseURL = "https://dateline.example/"\n' >"$DL/dateline.toml"

HG=$WORK/hugo-$N
if [[ -z ${SKIP_HUGO:-} ]]; then
  rm -rf "$HG" && mkdir -p "$HG" && cp -r "$HUGO_SITE/." "$HG/" && cp -al "$CORPUS/content" "$HG/"
  for y in "$HG"/content/articles/*/; do printf -- '---\ntitle: "%s"\n---\n' "$(basename "$y")" >"$y/_index.md"; done
  minor=$("$HUGO" version | sed -n 's/.*v0\.\([0-9]*\)\..*/\1/p')
  HUGO_CFG=hugo.yaml
  [[ -n $minor && $minor -lt 128 ]] && HUGO_CFG=config-0111.yaml
fi

# settle puts the deletion of the last output behind the next build. ext4 without a
# journal will not reuse an inode freed in the last 60 s, or 360 s while its inode table
# block is dirty in memory (fs/ext4/ialloc.c, recently_deleted), and looks past every
# such inode for every file the next build makes, whichever tool runs it. A build writes
# the very blocks that say so, so waiting a minute is not enough. As root, settle writes
# everything out and drops the caches, which forgets the deletions, then reads both sites
# and both tools back into memory; otherwise it waits SETTLE seconds.
settle() {
  sync
  if [[ -z ${SETTLE:-} ]] && { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
    local sites=("dateline-$N") tools=("$WORK/dateline")
    [[ -z ${SKIP_HUGO:-} ]] && sites+=("hugo-$N") && tools+=("$(command -v "$HUGO")")
    tar cf - -C "$WORK" --exclude=public --exclude=.public.dateline-spare --exclude=.dateline-cache \
      --exclude="hugo-$N/.hugo-cache" --exclude="hugo-$N/resources" "${sites[@]}" | cat >/dev/null
    cat "${tools[@]}" >/dev/null
  else
    echo "# waiting ${SETTLE:-400} s for the deletions to age (run as root to drop the caches instead)" >&2
    sleep "${SETTLE:-400}"
  fi
}

# timed CMD... runs a command under GNU time and prints "seconds kilobytes".
timed() {
  /usr/bin/time -f '%e %M' -o "$WORK/time.out" "$@" >/dev/null 2>"$WORK/err.out" || { cat "$WORK/err.out" >&2; exit 1; }
  cat "$WORK/time.out"
}

declare -a dl_t dl_m hg_t hg_m warm_t edit_t edit2_t
for r in $(seq "$ROUNDS"); do
  if [[ -z ${SKIP_HUGO:-} ]]; then
    rm -rf "$HG/public" "$HG/.hugo-cache" "$HG/resources"
    settle
    read -r t m < <(timed "$HUGO" --quiet --gc=false --config "$HUGO_CFG" -s "$HG" -d "$HG/public" --cacheDir "$HG/.hugo-cache")
    hg_t+=("$t"); hg_m+=("$m")
    echo "# round $r hugo: $t s, $((m / 1024)) MB" >&2
  fi
  rm -rf "$DL/public" "$DL/.dateline-cache" "$DL/.public.dateline-spare"
  settle
  read -r t m < <(timed "$WORK/dateline" build --source "$DL")
  dl_t+=("$t"); dl_m+=("$m")
  read -r w _ < <(timed "$WORK/dateline" build --source "$DL")
  warm_t+=("$w")
  first=$(find "$DL/content" -name '*.md' | sort | sed -n '2p')
  # The copy is kept outside content/: a stray file beside an article is a resource it may
  # use, and would make every article of its folder convert again.
  cp --remove-destination "$first" "$WORK/edited.orig" && printf '\nAn edited paragraph, round %s.\n' "$r" >>"$first"
  read -r e _ < <(timed "$WORK/dateline" build --source "$DL")
  edit_t+=("$e")
  printf '\nAnother edited paragraph, round %s.\n' "$r" >>"$first"
  read -r e2 _ < <(timed "$WORK/dateline" build --source "$DL")
  edit2_t+=("$e2")
  cp --remove-destination "$WORK/edited.orig" "$first"
  echo "# round $r dateline: cold $t s, $((m / 1024)) MB; warm $w s; first edit $e s; later edit $e2 s" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
dt=$(median "${dl_t[@]}"); dm=$(median "${dl_m[@]}")
printf 'dateline  N=%s  cold wall %.2f s  peak %d MB  warm: no change %.2f s, first edit %.2f s, later edit %.2f s\n' \
  "$N" "$dt" "$((${dm%.*} / 1024))" "$(median "${warm_t[@]}")" "$(median "${edit_t[@]}")" "$(median "${edit2_t[@]}")"
if [[ -z ${SKIP_HUGO:-} ]]; then
  ht=$(median "${hg_t[@]}"); hm=$(median "${hg_m[@]}")
  printf 'hugo      N=%s  cold wall %.2f s  peak %d MB  (%s)\n' "$N" "$ht" "$((${hm%.*} / 1024))" "$("$HUGO" version | cut -d' ' -f2)"
  awk -v a="$dt" -v b="$ht" -v c="$dm" -v d="$hm" 'BEGIN { printf "ratio dateline/hugo: wall %.2f, peak memory %.3f\n", a/b, c/d }'
fi
awk -v w="$(median "${warm_t[@]}")" -v e="$(median "${edit_t[@]}")" -v e2="$(median "${edit2_t[@]}")" -v c="$dt" \
  'BEGIN { printf "ratio warm/cold: no change %.3f, first edit %.3f, later edit %.3f\n", w/c, e/c, e2/c }'
