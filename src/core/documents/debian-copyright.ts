// Debian's machine-readable copyright files (DEP-5; /usr/share/doc/<package>/copyright): stanzas
// of "Field: value" lines whose continuation lines start with a space, and where a line " ."
// is a blank line. Read as plain text they would run every licence's paragraphs together with
// stray dots; rewritten here as the text they hold: the package's name as the title, each
// stanza's fields one line each, and each licence under a heading of its name with its
// paragraphs apart.

/** The format's declaration on the first line. */
const DEP5 = /^Format:[ \t]*<?https?:\/\/(?:www\.)?debian\.org\/doc\/packaging-manuals\/copyright-format\//i;

/** Spaces after the longest field name: the text reader sees columns where three spaces part them. */
const COLUMN_PADDING = 3;

interface Field {
  name: string;
  /** The value on the field's own line. */
  first: string;
  /** Continuation lines, dedented; "" for a " ." line. */
  more: string[];
}

function stanzas(text: string): Field[][] {
  const out: Field[][] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const fields: Field[] = [];
    for (const line of block.split('\n')) {
      const field = /^([A-Za-z][\w-]*):[ \t]*(.*)$/.exec(line);
      if (field?.[1]) fields.push({ name: field[1], first: (field[2] ?? '').trim(), more: [] });
      else if (/^[ \t]/.test(line) && fields.length) fields.at(-1)?.more.push(line.trim() === '.' ? '' : line.trim());
    }
    if (fields.length) out.push(fields);
  }
  return out;
}

/** The file as text for the text reader, or undefined when it is not in this format. */
export function debianCopyrightText(text: string): string | undefined {
  if (!DEP5.test(text)) return undefined;
  const all = stanzas(text);
  const header = all[0] ?? [];
  const name = header.find((f) => f.name.toLowerCase() === 'upstream-name')?.first;
  const lines: string[] = [`# ${name ? `${name}: copyright and licences` : 'Copyright and licences'}`, ''];
  for (const stanza of all) {
    // The short fields as a two-column table ("Files | debian/*", "Copyright | 2024 A. Packager");
    // a licence's text after it, under the licence's name.
    const short = stanza.filter((f) => f.name.toLowerCase() !== 'format' && !(f.name.toLowerCase() === 'license' && f.more.length));
    const width = Math.max(0, ...short.map((f) => f.name.length)) + COLUMN_PADDING;
    for (const field of short) {
      const separator = field.name.toLowerCase() === 'copyright' ? '; ' : ' ';
      lines.push(`${field.name.padEnd(width)}${[field.first, ...field.more.filter(Boolean)].filter(Boolean).join(separator)}`);
    }
    lines.push('');
    for (const field of stanza) {
      if (field.name.toLowerCase() === 'license' && field.more.length) lines.push(`## License: ${field.first}`, '', ...field.more, '');
    }
  }
  return lines.join('\n');
}
