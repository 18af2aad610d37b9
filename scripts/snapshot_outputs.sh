#!/usr/bin/env bash
# The outputs a refactoring must not change, as checksums: the extraction JSON (and warnings) of the
# samples and of ../shared/dev, and the JSON/GraphML/GEXF/CSV exports of a store built from the samples.
#
#   scripts/snapshot_outputs.sh REPO OUTDIR      # REPO: a checkout (e.g. a git worktree of another commit)
#   diff OLD_OUTDIR/SUMS NEW_OUTDIR/SUMS         # nothing printed: byte-identical
#
# It runs REPO's own code (python3 -m graph.cli from inside REPO), with ../shared beside REPO.
set -u
repo=$(cd "$1" && pwd); out=$(mkdir -p "$2" && cd "$2" && pwd); cd "$repo"
L="python3 -m graph.cli"
export LINEAGE_LANG=en  # the messages in one language, whichever revision runs
$L extract ../shared/corpus/*.txt --format json > "$out/samples.json" 2>"$out/samples.err"; echo "samples rc=$?" > "$out/rc"
$L extract ../shared/dev/docs/*.txt --format json > "$out/dev.json" 2>"$out/dev.err"; echo "dev rc=$?" >> "$out/rc"
rm -rf "$out/store"; mkdir -p "$out/store" "$out/csv"
export LINEAGE_STORE="$out/store/l.graph"
$L ingest graph/data/corpus/ >/dev/null 2>&1; echo "ingest rc=$?" >> "$out/rc"
for f in json graphml gexf; do $L export --format $f -o "$out/export.$f" >/dev/null 2>&1; echo "export $f rc=$?" >> "$out/rc"; done
$L export --format csv -o "$out/csv" >/dev/null 2>&1; echo "export csv rc=$?" >> "$out/rc"
(cd "$out" && sha256sum samples.json dev.json samples.err dev.err export.* csv/*) > "$out/SUMS"
cat "$out/rc"
