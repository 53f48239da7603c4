// The CI deploy step that `slipway init` writes into the workflow: it runs `slipway deploy`
// itself, so the commands that reach the server exist once (src/deploy/commands), not as a
// second copy in a template. Values reach the script through env:, never spliced into its text.

import { VERSION } from '../version.js';

export interface CiDeployInput {
  /** Image repository without tag. */
  imageRef: string;
  /** The app's folder on the server (a secret DEPLOY_PATH overrides it). */
  deployPath: string;
  /** YAML-quoted scalar writer of the template (so the values are quoted the template's way). */
  quote: (s: string) => string;
  /** The project's folder from the git root, where its compose file is ('.' at the root). */
  context?: string;
  /** Indentation of the steps (spaces). */
  indent?: number;
}

/**
 * The deploy job's steps: check out (the default tag is the commit's sha-<7>, which
 * docker/metadata-action's `type=sha,format=short` pushed), install the key and the server's
 * known host key (an unknown host key is refused), then `slipway deploy`: locked,
 * health-gated, rolled back automatically when the new release is not healthy.
 */
export function ciDeploySteps(w: CiDeployInput): string {
  const pad = ' '.repeat(w.indent ?? 6);
  const lines = [
    '- name: Check out',
    '  uses: actions/checkout@v4',
    '',
    '- name: SSH key and the server\'s host key',
    '  env:',
    '    SSH_PRIVATE_KEY: ${{ secrets.SSH_PRIVATE_KEY }}',
    '    SSH_KNOWN_HOSTS: ${{ secrets.SSH_KNOWN_HOSTS }}',
    '  run: |',
    '    install -d -m 700 ~/.ssh',
    '    printf \'%s\\n\' "$SSH_PRIVATE_KEY" > ~/.ssh/deploy_key && chmod 600 ~/.ssh/deploy_key',
    '    printf \'%s\\n\' "$SSH_KNOWN_HOSTS" >> ~/.ssh/known_hosts',
    '',
    '- name: Deploy (health-gated, rolled back automatically if unhealthy)',
    '  env:',
    `    SLIPWAY_VERSION: ${w.quote(/-dev/.test(VERSION) ? 'latest' : VERSION)}`,
    `    IMAGE: ${w.quote(w.imageRef)}`,
    '    DEPLOY_PATH: ${{ secrets.DEPLOY_PATH }}',
    `    DEFAULT_PATH: ${w.quote(w.deployPath)}`,
    '    SSH_USER: ${{ secrets.SSH_USER }}',
    '    SSH_HOST: ${{ secrets.SSH_HOST }}',
    "    SSH_PORT: ${{ secrets.SSH_PORT || '22' }}",
    '    SLIPWAY_REGISTRY_USER: ${{ secrets.DEPLOY_REGISTRY_USER }}',
    '    SLIPWAY_REGISTRY_PASSWORD: ${{ secrets.DEPLOY_REGISTRY_PASSWORD }}',
    ...(w.context && w.context !== '.' ? [`  working-directory: ${w.quote(w.context)}`] : []),
    '  run: |',
    '    npx --yes "slipway@${SLIPWAY_VERSION}" deploy --image "$IMAGE" --path "${DEPLOY_PATH:-$DEFAULT_PATH}" \\',
    '      --server "${SSH_USER}@${SSH_HOST}:${SSH_PORT}" --identity ~/.ssh/deploy_key',
  ];
  return lines.map((l) => (l ? pad + l : '')).join('\n') + '\n';
}
