// The generated override that pins a release: `services.<name>.image: <repo>:<tag>` for each app
// service. JSON is YAML, and JSON.stringify quotes every value, so no name or tag can change
// the file's structure.

export function overrideFile(services: string[], ref: string, tag: string, extraServices: Record<string, unknown> = {}): string {
  const body = { services: { ...Object.fromEntries(services.map((s) => [s, { image: ref }])), ...extraServices } };
  return `# Written by slipway: release ${JSON.stringify(tag)}. 'slipway deploy' and 'slipway rollback' rewrite it.\n${JSON.stringify(body, null, 2)}\n`;
}
