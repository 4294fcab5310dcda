// Optional YAML-style front matter at the top of Markdown and text files: simple `key: value` lines.
import type { MetadataHints } from './build-document.js';
import { parseDateValue } from './dates.js';

export interface FrontMatter {
  fields: Record<string, string>;
  body: string;
}

export function parseFrontMatter(text: string): FrontMatter {
  const match = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match?.[1]) return { fields: {}, body: text };
  const fields: Record<string, string> = {};
  for (const line of match[1].split('\n')) {
    const field = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line.trim());
    if (!field?.[1]) continue;
    const value = (field[2] ?? '').trim().replace(/^(["'])(.*)\1$/, '$2');
    if (value) fields[field[1].toLowerCase()] = value;
  }
  return { fields, body: text.slice(match[0].length) };
}

/** title, date, author, source (or publisher) and url; a date that does not parse is left out. */
export function frontMatterHints(fields: Record<string, string>): MetadataHints {
  const date = fields.date ? parseDateValue(fields.date) : undefined;
  const source = fields.source ?? fields.publisher;
  return {
    ...(fields.title ? { title: fields.title } : {}),
    ...(date ? { date } : {}),
    ...(fields.author ? { author: fields.author } : {}),
    ...(source ? { source } : {}),
    ...(fields.url ? { url: fields.url } : {}),
  };
}
