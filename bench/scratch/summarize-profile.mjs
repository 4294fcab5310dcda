// Self time by category from a .cpuprofile, and top functions.
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; 
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (dt[i] ?? 0));
const cat = (n) => {
  const u = n.callFrame.url, f = n.callFrame.functionName;
  if (!u) return f.startsWith('(') ? f : `native:${f}`;
  for (const k of ['onnxruntime', '@huggingface/transformers', 'discord.js', '@discordjs/ws', '@discordjs/rest', '@discordjs', 'undici', 'ws/', 'hnswlib', 'minisearch', 'pino', 'better-sqlite3', 'test/support/loopback', 'src/core', 'src/discord', 'src/state', 'bench/', 'tsx', 'node:']) if (u.includes(k)) return k;
  return u.replace(/.*node_modules\//, 'nm:').split('/').slice(0, 2).join('/');
};
const cats = new Map(), funcs = new Map();
let total = 0;
for (const [id, us] of self) { const n = byId.get(id); total += us; const c = cat(n); cats.set(c, (cats.get(c) ?? 0) + us);
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '')}:${n.callFrame.lineNumber}`; funcs.set(k, (funcs.get(k) ?? 0) + us); }
console.log('total ms', (total / 1000).toFixed(0));
for (const [c, us] of [...cats].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((us / 1000).toFixed(0).padStart(7), (100 * us / total).toFixed(1).padStart(5) + '%', c);
console.log('--- top functions');
for (const [c, us] of [...funcs].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((us / 1000).toFixed(0).padStart(7), (100 * us / total).toFixed(1).padStart(5) + '%', c);
