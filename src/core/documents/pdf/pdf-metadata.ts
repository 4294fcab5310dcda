// What a PDF declares about itself: the info dictionary (Title, Author, CreationDate) and XMP
// (dc:title, dc:creator, xmp:CreateDate). Used when the text itself names no title, author or
// date; titles that are file names or tool defaults ("Microsoft Word - draft3.docx") are ignored.
import type { MetadataHints } from '../build-document.js';
import { normalizeInline } from '../clean.js';
import { parseDateValue } from '../dates.js';

/** The parts of pdf.js's getMetadata() answer read here. */
export interface PdfMetadata {
  info?: object;
  metadata?: { get(name: string): unknown } | null;
}

const JUNK_TITLE = /^(untitled|document\d*|microsoft word\b.*|.*\.(docx?|pdf|odt|rtf|txt|indd|tex|dvi|ps))$/i;

/** "D:20210304120000+01'00'" (the PDF date format) → "2021-03-04". */
export function pdfDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(value.trim());
  if (pdf?.[1]) return parseDateValue(`${pdf[1]}-${pdf[2] ?? '01'}-${pdf[3] ?? '01'}`) ?? (pdf[2] ? `${pdf[1]}-${pdf[2]}` : pdf[1]);
  return parseDateValue(value);
}

function text(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value !== 'string') return undefined;
  return normalizeInline(value) || undefined;
}

export function pdfHints(meta: PdfMetadata): MetadataHints {
  const xmp = (name: string) => {
    try {
      return meta.metadata?.get(name);
    } catch {
      return undefined;
    }
  };
  const info = (meta.info ?? {}) as Record<string, unknown>;
  const rawTitle = text(xmp('dc:title')) ?? text(info.Title);
  const title = rawTitle && !JUNK_TITLE.test(rawTitle) ? rawTitle : undefined;
  const author = text(xmp('dc:creator')) ?? text(info.Author);
  const date = pdfDate(info.CreationDate) ?? pdfDate(text(xmp('xmp:createdate')));
  return { ...(title ? { title } : {}), ...(author ? { author } : {}), ...(date ? { date } : {}) };
}
