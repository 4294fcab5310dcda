import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const pat = new RegExp(process.argv[3]);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map(); p.samples.forEach((s, i) => self.set(s, (self.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
// for samples under a frame matching pat: the frame directly below the outermost match (its child), by name
const groups = new Map(); let total = 0;
for (const [id, us] of self) { const chain = []; let cur = id; while (cur !== undefined) { chain.push(cur); cur = parent.get(cur); }
  const idx = chain.findLastIndex((c) => { const n = byId.get(c); return pat.test(n.callFrame.url + ' ' + n.callFrame.functionName); });
  if (idx < 0) continue; total += us;
  const child = idx > 0 ? byId.get(chain[idx - 1]) : byId.get(chain[idx]);
  const key = `${child.callFrame.functionName || '(anon)'}@${child.callFrame.url.replace(/.*node_modules\//, '').replace(/.*embedworker\//, '')}`;
  groups.set(key, (groups.get(key) ?? 0) + us); }
console.log('total', (total / 1000).toFixed(0));
for (const [k, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log((us / 1000).toFixed(0).padStart(6), k);
