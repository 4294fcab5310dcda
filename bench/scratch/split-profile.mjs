import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const chain = (id) => { const out = []; let cur = id; while (cur !== undefined) { const n = byId.get(cur); out.push(n.callFrame.url + ' ' + n.callFrame.functionName); cur = parent.get(cur); } return out; };
let t = 0; const times = p.timeDeltas.map((d) => (t += d));
const isLoop = (id) => chain(id).some((s) => s.includes('test/support/loopback'));
let lastLoop = 0; p.samples.forEach((s, i) => { if (isLoop(s)) lastLoop = i; });
const classify = (id) => { const c = chain(id).join('|');
  if (c.includes('onnxruntime')) return 'onnx (run+glue)';
  if (c.includes('@huggingface/transformers')) return 'transformers.js (tokenize/pool)';
  if (c.includes('test/support/loopback')) return 'loopback server';
  if (c.includes('src/discord') || c.includes('discord.js') || c.includes('@discordjs') || c.includes('undici') || c.includes('shapeshift') || c.includes('/ws/')) return 'bot (discord.js/undici/src/discord)';
  if (c.includes('src/core')) return 'engine (retrieval)';
  const n = byId.get(id).callFrame.functionName; if (n.startsWith('(')) return n;
  return 'other';
};
for (const [name, from, to] of [['e2e window', 0, lastLoop], ['after (engine alone + render)', lastLoop + 1, p.samples.length]]) {
  const m = new Map(); let tot = 0;
  for (let i = from; i < to; i++) { const us = p.timeDeltas[i] ?? 0; tot += us; const k = classify(p.samples[i]); m.set(k, (m.get(k) ?? 0) + us); }
  console.log(`== ${name}: ${(tot / 1000).toFixed(0)} ms (${((times[to-1]-times[from])/1000).toFixed(0)} ms wall)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1])) console.log((us / 1000).toFixed(0).padStart(7), (100 * us / tot).toFixed(1).padStart(5) + '%', k);
}
// per-second buckets
const buckets = [];
p.samples.forEach((s, i) => { const b = Math.floor(times[i] / 1e6); buckets[b] ??= new Map(); const k = classify(s); buckets[b].set(k, (buckets[b].get(k) ?? 0) + (p.timeDeltas[i] ?? 0)); });
buckets.forEach((m, b) => console.log(b, [...m].sort((a, c) => c[1] - a[1]).slice(0, 5).map(([k, us]) => `${k.slice(0, 12)}=${(us / 1000).toFixed(0)}`).join(' ')));
