// Tar entry names as absolute, normalised paths (`./etc/passwd/` → `/etc/passwd`).

export function tarPath(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

export const dirOf = (path: string): string => path.slice(0, path.lastIndexOf('/')) || '/';
export const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
