#!/usr/bin/env bash
# Lays out the real-repository corpus that test/ecosystem/REVIEW.md was measured on, one folder per
# repository at the commit in test/ecosystem/real-corpus.tsv: the whole tree at that commit, less
# files over 512 kB (and blobs the snapshot lacks). It reads local git copies of the repositories
# (`<owner>+<name>/repo` under MIRRORS, as the session's fetch tool leaves them); nothing is built.
#
#   bash scripts/ecosystem-real.sh [OUT] [MIRRORS]      defaults: /tmp/slipway-ecosystem-real /work/.mirror
#   npm run ecosystem -- --corpus /tmp/slipway-ecosystem-real --counts
#
# These files are not committed (see test/ecosystem/README.md for why).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-/tmp/slipway-ecosystem-real}"
mirrors="${2:-/work/.mirror}"
mkdir -p "$out"
tail -n +2 test/ecosystem/real-corpus.tsv | while IFS=$'\t' read -r repo commit licence licence_file _rest; do
  git_dir="$mirrors/${repo/\//+}/repo"
  dest="$out/${repo/\//__}"
  if ! git -C "$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "skip $repo: no local copy at $commit under $mirrors" >&2
    continue
  fi
  rm -rf "$dest" && mkdir -p "$dest"
  # Blobs of at most 512 kB that the copy really has, then archives of exactly those paths.
  git -C "$git_dir" ls-tree -r -l "$commit" |
    awk -F'\t' '{ split($1, m, " "); if (m[2] == "blob" && m[4] <= 524288) printf "%s\t%s\n", m[3], $2 }' >"$dest.list"
  cut -f1 "$dest.list" | git -C "$git_dir" cat-file --batch-check='%(objectname) %(objecttype)' |
    paste - "$dest.list" | awk -F'\t' '$1 !~ / missing$/ { print $3 }' | tr '\n' '\0' |
    xargs -0 -r -n 300 sh -c 'g="$0" c="$1" d="$2"; shift 2; git -C "$g" archive "$c" -- "$@" | tar -x -C "$d"' "$git_dir" "$commit" "$dest"
  rm -f "$dest.list"
  echo "$repo $commit ($licence, $(head -c 60 "$dest/$licence_file" | tr -s '\n ' ' ')...): $(find "$dest" -type f | wc -l) files"
done
