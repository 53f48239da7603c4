// The final filesystem view of stacked layers, as overlayfs shows it to a container: a whiteout
// `.wh.NAME` deletes NAME from the layers below, an opaque directory (`.wh..wh..opq`) hides
// everything below it. Unlike a container, it also remembers what was hidden: those bytes still ship.

import type { HiddenFile, Layer, LayerFile } from './model.js';

interface Node {
  file?: LayerFile;
  children?: Map<string, Node>;
}

function walk(node: Node, out: LayerFile[]): void {
  if (node.file) out.push(node.file);
  if (node.children) for (const child of node.children.values()) walk(child, out);
}

export function layerView(layers: Layer[]): { files: Map<string, LayerFile>; hidden: HiddenFile[] } {
  const root: Node = {};
  const hidden: HiddenFile[] = [];
  const hide = (node: Node, by: number, how: HiddenFile['how']) => {
    const gone: LayerFile[] = [];
    walk(node, gone);
    for (const f of gone) hidden.push({ ...f, hiddenBy: by, how });
  };
  const find = (path: string, create: boolean): Node | undefined => {
    let node = root;
    for (const part of path.split('/').filter(Boolean)) {
      let next = node.children?.get(part);
      if (!next) {
        if (!create) return undefined;
        next = {};
        (node.children ??= new Map()).set(part, next);
      }
      node = next;
    }
    return node;
  };

  for (const layer of layers) {
    // A layer's whiteouts apply to the layers below it only, so they go first.
    for (const dir of layer.opaqueDirs) {
      const node = find(dir, false);
      if (!node?.children) continue;
      for (const child of node.children.values()) hide(child, layer.index, 'opaque');
      node.children = undefined;
    }
    for (const path of layer.whiteouts) {
      const parent = find(path.slice(0, path.lastIndexOf('/')) || '/', false);
      const name = path.slice(path.lastIndexOf('/') + 1);
      const node = parent?.children?.get(name);
      if (!node) continue;
      hide(node, layer.index, 'whiteout');
      parent!.children!.delete(name);
    }
    for (const file of layer.files) {
      const node = find(file.path, true)!;
      if (node.file && node.file.type !== 'dir') hidden.push({ ...node.file, hiddenBy: layer.index, how: 'overwritten' });
      // A file or link in place of a directory hides what the directory held.
      if (file.type !== 'dir' && node.children) {
        for (const child of node.children.values()) hide(child, layer.index, 'overwritten');
        node.children = undefined;
      }
      node.file = file;
    }
  }
  const all: LayerFile[] = [];
  walk(root, all);
  return { files: new Map(all.map((f) => [f.path, f])), hidden };
}
