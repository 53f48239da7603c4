// What ADD does with a source: fetch a URL, clone a git repository, extract a local tar archive.

/** Tar archives ADD extracts (plain, gzip, bzip2, xz; zstd since BuildKit 0.13). */
const TAR_SUFFIXES = ['.tar', '.tar.gz', '.tgz', '.taz', '.tar.bz2', '.tbz2', '.tbz', '.tb2', '.tar.xz', '.txz', '.tar.zst', '.tzst', '.tar.lzma', '.tlz'];
/**
 * Compressed files that may hold a tar: ADD decides by content, not by name, so `x.gz` is extracted
 * when it is a gzipped tar (hadolint also leaves them to ADD).
 */
const MAYBE_TAR_SUFFIXES = ['.gz', '.bz2', '.xz', '.zst', '.lzma'];
/** Archives ADD copies as they are (it does not unzip). */
const OTHER_ARCHIVE_SUFFIXES = ['.zip', '.7z', '.rar', '.jar', '.war', '.whl', '.deb', '.rpm', '.apk'];

export function isTarArchive(path: string): boolean {
  const p = path.toLowerCase();
  return TAR_SUFFIXES.some((s) => p.endsWith(s));
}

/** A source ADD may extract: a tar archive by name, or a compressed file whose content may be one. */
export function mayBeTar(path: string): boolean {
  const p = path.toLowerCase();
  return isTarArchive(p) || MAYBE_TAR_SUFFIXES.some((s) => p.endsWith(s));
}

export function isOtherArchive(path: string): boolean {
  const p = path.toLowerCase();
  return !isTarArchive(p) && OTHER_ARCHIVE_SUFFIXES.some((s) => p.endsWith(s));
}

export function isUrl(path: string): boolean {
  return /^(https?|ftp):\/\//i.test(path);
}

export function isGitSource(path: string): boolean {
  return /^git@[^:]+:/.test(path) || /^(git|ssh):\/\//i.test(path) || /^https?:\/\/\S+\.git(#.*)?$/i.test(path) || /^github\.com\//.test(path);
}

/** The file name of a path (after the last `/` or `\`). */
export function basename(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
