// JSON columns: written with JSON.stringify, read back defensively (a damaged value reads as
// undefined rather than throwing inside a handler).
import type { Json } from './types.js';

export function toJson(value: Json): string {
  return JSON.stringify(value);
}

export function fromJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}
