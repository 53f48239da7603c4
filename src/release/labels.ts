// The OCI annotations a release puts on the image (as metadata-action does), from git facts:
// which commit, where its source lives, when, which version, what it is called.

export interface LabelInput {
  revision: string;
  /** Web URL of the repository, when the remote has one. */
  source: string | null;
  /** ISO-8601 time: the commit time, so a rebuild of the same commit gets the same label. */
  created: string;
  version: string;
  title: string;
}

export function ociLabels(i: LabelInput): Record<string, string> {
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': i.title,
    'org.opencontainers.image.version': i.version,
    'org.opencontainers.image.revision': i.revision,
    'org.opencontainers.image.created': i.created,
  };
  if (i.source) {
    labels['org.opencontainers.image.source'] = i.source;
    labels['org.opencontainers.image.url'] = i.source;
  }
  return labels;
}
