#!/bin/bash
# migrate.sh NAME KIND SOURCE [DATELINE_TOML]: measure `dateline import` on one archive.
# Imports SOURCE (a Hugo or Jekyll site, or a WordPress export) into /tmp/migrate/NAME
# (with DATELINE_TOML as its dateline.toml when given, e.g. [import.shortcodes] mappings),
# builds it with every warning and checks its links, and prints: posts in, untranslated
# shortcodes (kinds and uses), pages built, warnings by kind, broken links by first path
# segment. DL names the dateline binary (default: dateline on PATH).
set -u
name=$1 kind=$2 src=$3 toml=${4:-}
dl=${DL:-dateline}
out=/tmp/migrate/$name
rm -rf "$out" && mkdir -p "$out"
[ -n "$toml" ] && cp "$toml" "$out/dateline.toml"
$dl import "$kind" "$src" --into "$out" > "$out.import" 2>&1
echo "import exit $?"
grep -E '^(Imported|Skipped|Note)' "$out.import" | cut -c1-160
awk '/^Left untranslated/ {on=1; next} /^[A-Z]/ {on=0}
     on {split($0, a, ": "); split(a[2], b, ","); uses += b[1]; kinds++}
     END {print "untranslated kinds", kinds+0, "uses", uses+0}' "$out.import"
$dl build --source "$out" --warnings all > "$out.build" 2>&1
echo "build exit $?"
grep -E '^Built' "$out.build"
grep -o 'warning: .*' "$out.build" |
	sed -E 's/^warning: [0-9]+ front matter fields are not used.*/unused front matter fields (one summary)/; s/^warning: raw HTML.*/raw HTML shown as text (one summary)/' |
	cut -c1-80 | sort | uniq -c
$dl check --dest "$out/public" > "$out.check" 2>&1
tail -1 "$out.check"
grep -v 'broken links in' "$out.check" |
	sed -E 's/^[^:]*: //; s/: no such.*/ (missing)/; s/: no element.*/ (anchor)/' |
	sed -E 's#^(https?://[^/]+)?(/[^/ ]*/?)[^ ]*#\2#' | sort | uniq -c | sort -rn | head -6
