// bymod2.mjs PROFDIR BUNDLE [TOP] [DEPTH]: mean self time per original source module (via BUNDLE.map) per profile
import { readFileSync, readdirSync } from 'node:fs';
const [dir, bundle, top = '50', depth = '3'] = process.argv.slice(2);
const map = JSON.parse(readFileSync(bundle + '.map', 'utf8'));
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const lines = []; let src = 0;
for (const l of map.mappings.split(';')) {
  const segs = []; let col = 0;
  if (l) for (const seg of l.split(',')) {
    const v = []; let shift = 0, val = 0;
    for (const ch of seg) { const d = B64.indexOf(ch); val += (d & 31) << shift; if (d & 32) shift += 5; else { v.push(val & 1 ? -(val >> 1) : val >> 1); val = 0; shift = 0; } }
    col += v[0]; if (v.length > 1) src += v[1];
    segs.push([col, src]);
    if (v.length > 2) { /* line/col deltas ignored but must be tracked? they are relative across segments; we only need src */ }
  }
  lines.push(segs);
}
const srcAt = (line, col) => { const segs = lines[line] ?? []; let r = null; for (const [c, s] of segs) { if (c <= col) r = s; else break; } return r === null ? '(unmapped)' : map.sources[r]; };
const group = (p) => { p = p.replace(/^.*?\/(?=(src|node_modules)\/)/, ''); const parts = p.split('/'); if (parts[0] === 'node_modules') return parts.slice(0, parts[1]?.startsWith('@') ? 3 : 2).join('/'); return parts.slice(0, Number(depth)).join('/'); };
const tot = new Map(); const files = readdirSync(dir); let all = 0;
for (const f of files) {
  const p = JSON.parse(readFileSync(dir + '/' + f, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  p.samples.forEach((id, i) => {
    const t = p.timeDeltas[i] ?? 0; all += t;
    const cf = byId.get(id).callFrame;
    let k;
    if (cf.url.endsWith('cli.cjs')) k = group(srcAt(cf.lineNumber, cf.columnNumber));
    else if (cf.url) k = cf.url.startsWith('node:') ? 'node:' + cf.url.slice(5).split('/')[0] : cf.url.replace(/.*\//, '');
    else k = cf.functionName || '(anon)';
    tot.set(k, (tot.get(k) ?? 0) + t);
  });
}
const n = files.length;
console.log('profiles', n, 'mean total ms', (all / 1000 / n).toFixed(1));
for (const [k, v] of [...tot].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log((v / 1000 / n).toFixed(2).padStart(8), k);
