#!/usr/bin/env bash
# Lays out the held-out corpus (test/ecosystem/REVIEW.md, "Held-out corpus (session 5)"): repositories
# the rules were NOT tuned on, one folder per repository at the commit in test/ecosystem/fresh-corpus.tsv,
# as a new user's clone would have it: every tracked file the snapshot has (it lacks files of 4 MiB and more),
# then `git init` + one commit of all of them, so git tracking (env files, .gitignore) is real.
# Modelled on scripts/ecosystem-real.sh, with two differences: no 512 kB cap (a lock file over it,
# such as coolify's composer.lock, would make COPY sources look missing), and files are checked out
# through a throwaway index rather than `git archive`, because archive drops `export-ignore` paths
# (laravel/sail and coolify mark .github/ so) that a clone has. The layout is made read-only. Nothing is built or run.
#
#   bash scripts/ecosystem-fresh.sh [OUT] [MIRRORS]     defaults: /tmp/slipway-ecosystem-fresh /work/.mirror
#   npm run ecosystem -- --corpus /tmp/slipway-ecosystem-fresh --counts
#
# These files are not committed (see test/ecosystem/README.md for why).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-/tmp/slipway-ecosystem-fresh}"
mirrors="${2:-/work/.mirror}"
mkdir -p "$out"
index="$(mktemp)"
trap 'rm -f "$index"' EXIT
tail -n +2 test/ecosystem/fresh-corpus.tsv | while IFS=$'\t' read -r repo commit licence licence_file _rest; do
  git_dir="$mirrors/${repo/\//+}/repo"
  dest="$out/${repo/\//__}"
  if ! git -C "$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "skip $repo: no local copy at $commit under $mirrors" >&2
    continue
  fi
  [ -d "$dest" ] && chmod -R u+w "$dest"
  rm -rf "$dest" && mkdir -p "$dest"
  # Blobs (and symlinks) that the copy really has; submodules are left out, as in a clone without --recursive.
  git -C "$git_dir" ls-tree -r -l "$commit" |
    awk -F'\t' '{ split($1, m, " "); if (m[2] == "blob") printf "%s\t%s\n", m[3], $2 }' >"$dest.list"
  rm -f "$index"
  GIT_INDEX_FILE="$index" git --git-dir="$git_dir" read-tree "$commit"
  cut -f1 "$dest.list" | git -C "$git_dir" cat-file --batch-check='%(objectname) %(objecttype)' |
    paste - "$dest.list" | awk -F'\t' '$1 !~ / missing$/ { print $3 }' | tr '\n' '\0' |
    GIT_INDEX_FILE="$index" git --git-dir="$git_dir" --work-tree="$dest" checkout-index --stdin -z
  rm -f "$dest.list"
  # A repository of its own, every file committed (-f: a tracked file may match .gitignore), fixed identity and date.
  ( cd "$dest" && git init -q && git add -A -f &&
    GIT_AUTHOR_DATE=2026-12-01T00:00:00Z GIT_COMMITTER_DATE=2026-12-01T00:00:00Z \
      git -c user.name=corpus -c user.email=corpus@localhost -c commit.gpgsign=false commit -q -m "$repo at $commit" )
  chmod -R a-w "$dest"
  echo "$repo $commit ($licence, $(head -c 60 "$dest/$licence_file" | tr -s '\n ' ' ')...): $(git -C "$dest" ls-files | wc -l) files"
done
