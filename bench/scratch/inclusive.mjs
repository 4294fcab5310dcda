import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pat = new RegExp(process.argv[3]);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
// inclusive time of the outermost frame matching pat, grouped by its caller chain (3 frames up)
const groups = new Map(); let total = 0, all = 0;
for (const [id, us] of self) { all += us; let cur = id, hit; while (cur !== undefined) { const n = byId.get(cur); if (pat.test(n.callFrame.url + ' ' + n.callFrame.functionName)) hit = cur; cur = parent.get(cur); }
  if (hit === undefined) continue; total += us;
  let k = [], c = hit; for (let i = 0; i < 5 && c !== undefined; i++) { const n = byId.get(c); k.push(`${n.callFrame.functionName || '(anon)'}@${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*embedworker\//, '')}:${n.callFrame.lineNumber}`); c = parent.get(c); }
  const key = k.join(' < '); groups.set(key, (groups.get(key) ?? 0) + us); }
console.log('matching inclusive ms', (total / 1000).toFixed(0), 'of', (all / 1000).toFixed(0));
for (const [k, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log((us / 1000).toFixed(0).padStart(6), k);
