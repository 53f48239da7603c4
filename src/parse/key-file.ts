// What a key-named file (`*.key`, `*.pem`, `*.p12` …) holds, by its PEM armour: repositories commit
// PUBLIC keys under such names — the PGP signing keys of apt repositories (`nodesource-repo.gpg.key`,
// `yarn-pubkey.gpg.key`), CA certificates — and those are no secret.

/** Names that may hold a private key: judged by their content when it can be read. */
export function isKeyFileName(lowerName: string): boolean {
  return /\.(key|pem|p12|pfx|jks|keystore)$/.test(lowerName);
}

const PRIVATE_BLOCK = /-----BEGIN ((RSA |DSA |EC |OPENSSH |ENCRYPTED |ANY )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----/;
const PUBLIC_BLOCK = /-----BEGIN (PGP PUBLIC KEY BLOCK|PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE|TRUSTED CERTIFICATE|X509 CRL)-----/;
const SSH_PUBLIC = /^(ssh-(rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) AAAA/;

/**
 * 'public' when the head holds only public material (public key blocks, certificates, an OpenSSH
 * public key line), 'private' when it holds a private key block; 'unknown' otherwise — a binary
 * keystore, an unreadable or empty head — which callers treat as a secret.
 */
export function keyFileHolds(head: string): 'private' | 'public' | 'unknown' {
  if (PRIVATE_BLOCK.test(head)) return 'private';
  if (PUBLIC_BLOCK.test(head) || SSH_PUBLIC.test(head.trimStart())) return 'public';
  return 'unknown';
}
