#!/usr/bin/env bash
# Issue 10's figures: for each provider (a folder of specs/), the source files outside its own
# folders that name it, and the lines of hand-written source in each package's src/.
# Usage: bash scripts/measure-spread.sh [commit]   (default: the working tree's tracked files)
set -euo pipefail
rev="${1:-}"
list() { if [ -n "$rev" ]; then git ls-tree -r --name-only "$rev"; else git ls-files; fi; }
show() { if [ -n "$rev" ]; then git show "$rev:$1"; else cat "$1"; fi; }
providers=$(list | sed -n 's#^specs/\([^/]*\)/openapi.yaml$#\1#p')
echo "spread (source files outside specs/<p>/, packages/<p>/, …/providers/<p>*; package.json, turbo.json, tests, markdown, generated code, lockfile not counted):"
for p in $providers; do
  files=$(list | grep -v "^specs/$p/\|^packages/$p/\|/providers/$p" \
    | grep -v 'package\.json$\|turbo\.json$\|\.md$\|pnpm-lock\|/test/\|\.test\.\|test-results\|/generated/' \
    | while read -r f; do show "$f" 2>/dev/null | grep -qi "$p" && echo "$f"; done || true)
  printf '  %-8s %2d  %s\n' "$p" "$(printf '%s' "$files" | grep -c . || true)" "$(echo $files)"
done
echo "hand-written lines in packages/*/src (generated excluded):"
for d in $(list | sed -n 's#^packages/\([^/]*\)/src/.*\.ts$#\1#p' | sort -u); do
  n=$(list | grep "^packages/$d/src/.*\.ts$" | grep -v '/generated/' | while read -r f; do show "$f"; done | wc -l)
  printf '  %-14s %5d\n' "$d" "$n"
done
