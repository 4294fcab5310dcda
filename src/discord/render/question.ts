// A user's question shown back (as a title): one line, escaped, within the limit.
import { escapeDiscordText } from './escape.js';
import { fitRendered, truncateText } from './text.js';

export function formatEchoedText(text: string, maxChars: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return fitRendered((budget) => escapeDiscordText(truncateText(oneLine, budget)), maxChars);
}
