// The layering, checked on the import graph (static imports and dynamic `import()` of relative
// paths): the core never reaches an adapter; the benchmark never loads vitest or a test file;
// tests reach the benchmark only through its public entry point.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/paths.js';

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

function specifiers(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter(Boolean);
}

function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), specifier);
  for (const candidate of [target.replace(/\.js$/, '.ts'), target, target.replace(/\.mjs$/, '.mts')]) if (existsSync(candidate)) return candidate;
  return undefined;
}

/** Every file reachable from `entries` through relative imports, with the bare packages each imports. */
function graph(entries: string[]): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.pop() ?? '';
    if (seen.has(file)) continue;
    const specs = specifiers(file);
    seen.set(file, specs.filter((s) => !s.startsWith('.')));
    for (const spec of specs) {
      const next = resolveRelative(file, spec);
      if (next) queue.push(next);
    }
  }
  return seen;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
const rel = (file: string) => path.relative(PROJECT_ROOT, file);

/** The configuration the core is given (engine-options.ts reads Config), which imports nothing of Discord. */
const CONFIG_FILES = new Set(['src/config.ts', 'src/config-schema.ts']);

describe('import boundaries', () => {
  it('the core imports no adapter and no Discord library', () => {
    const offenders: string[] = [];
    for (const [file, packages] of graph(filesUnder('src/core'))) {
      const where = rel(file);
      if (!where.startsWith('src/core/') && !CONFIG_FILES.has(where)) offenders.push(`${where} (reached from the core)`);
      for (const pkg of packages) if (/^(discord\.js|@discordjs\/)/.test(pkg)) offenders.push(`${where} imports ${pkg}`);
    }
    expect(offenders).toEqual([]);
  });

  it('insights and the dashboard are platform-neutral: no Discord library, no Discord adapter', () => {
    const offenders: string[] = [];
    for (const [file, packages] of graph([...filesUnder('src/insights'), ...filesUnder('src/dashboard')])) {
      const where = rel(file);
      if (where.startsWith('src/discord/') || where.startsWith('src/cli/')) offenders.push(`${where} (reached from insights or the dashboard)`);
      for (const pkg of packages) if (/^(discord\.js|@discordjs\/)/.test(pkg)) offenders.push(`${where} imports ${pkg}`);
    }
    expect(offenders).toEqual([]);
  });

  it('npm run bench loads neither vitest nor any test file beyond test/support', () => {
    const offenders: string[] = [];
    for (const [file, packages] of graph([path.join(PROJECT_ROOT, 'bench/run.ts'), path.join(PROJECT_ROOT, 'bench/startup-child.ts')])) {
      const where = rel(file);
      if (where.startsWith('test/') && !where.startsWith('test/support/')) offenders.push(where);
      if (where.endsWith('.test.ts')) offenders.push(where);
      if (packages.some((p) => p === 'vitest' || p.startsWith('vitest/'))) offenders.push(`${where} imports vitest`);
    }
    expect(offenders).toEqual([]);
  });

  it('tests import the benchmark only through bench/index.ts', () => {
    const offenders: string[] = [];
    for (const file of filesUnder('test')) {
      for (const spec of specifiers(file)) {
        const target = resolveRelative(file, spec);
        if (target && rel(target).startsWith('bench/') && rel(target) !== 'bench/index.ts') offenders.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  // The two database owners: src/state/ (the bot's state) and the pgvector VectorStore backend (vectors).
  const SQL_OWNERS = ['src/state/', 'src/core/index/pgvector-store.ts', 'src/core/index/sql-client.ts'];

  it('only src/state/ and the pgvector backend talk to a database (better-sqlite3, SQL statements)', () => {
    const sql = /\b(?:SELECT\s[\s\S]*?\sFROM|INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX))\b/;
    const offenders: string[] = [];
    for (const file of [...filesUnder('src'), ...filesUnder('bench')]) {
      const where = rel(file);
      if (SQL_OWNERS.some((owner) => where.startsWith(owner))) continue;
      if (specifiers(file).some((s) => s === 'better-sqlite3')) offenders.push(`${where} imports better-sqlite3`);
      if (sql.test(readFileSync(file, 'utf8'))) offenders.push(`${where} contains SQL`);
    }
    expect(offenders).toEqual([]);
  });

  // The folder beside the project that a clone does not have, spelt in parts so this guard does not name it itself.
  const SIBLING_SHARED = new RegExp(['\\.\\.', 'shared\\b'].join('/'));

  it('nothing reads the shared folder beside the project, which a clone does not have', () => {
    const offenders = ['src', 'test', 'bench', 'scripts']
      .flatMap((dir) => readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /\.(ts|mjs|js)$/.test(e.name)).map((e) => path.join(e.parentPath, e.name)))
      .filter((file) => SIBLING_SHARED.test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });
});
