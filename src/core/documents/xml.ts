// Small XML reads shared by the DOCX and EPUB loaders (package metadata, container, OPF):
// linkedom's XML parser, elements found by their qualified name ("dc:title").
import { DOMParser } from 'linkedom';

export interface XmlElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}

export function parseXml(text: string): XmlElement | undefined {
  try {
    const doc = new DOMParser().parseFromString(text, 'text/xml') as unknown as { documentElement: XmlElement | null };
    return doc.documentElement ?? undefined;
  } catch {
    return undefined;
  }
}

/** Elements named `name` (with or without a namespace prefix: "dc:title" also finds <title> under a default dc namespace). */
export function elements(root: XmlElement, name: string): XmlElement[] {
  const found = Array.from(root.getElementsByTagName(name));
  if (found.length || !name.includes(':')) return found;
  return Array.from(root.getElementsByTagName(name.slice(name.indexOf(':') + 1)));
}

export function firstText(root: XmlElement, name: string): string | undefined {
  const text = elements(root, name)
    .map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim())
    .find(Boolean);
  return text || undefined;
}
