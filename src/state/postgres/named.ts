// `@name` parameters (as the shared question filter writes them) to PostgreSQL's `$1, $2…`: each
// distinct name becomes one position, bound once however often the SQL repeats it.
export function named(sql: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const positions = new Map<string, number>();
  const values: unknown[] = [];
  const text = sql.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`no value for SQL parameter @${name}`);
    let position = positions.get(name);
    if (position === undefined) {
      values.push(params[name]);
      position = values.length;
      positions.set(name, position);
    }
    return `$${position}`;
  });
  return { text, values };
}
