// A user's question shown back (as a title): one line, without invisible or direction-changing
// characters, escaped, within the limit.
import { cleanQuestionText } from '../question-input.js';
import { escapeDiscordText } from './escape.js';
import { fitRendered, truncateText } from './text.js';

export function formatEchoedText(text: string, maxChars: number): string {
  const oneLine = cleanQuestionText(text);
  return fitRendered((budget) => escapeDiscordText(truncateText(oneLine, budget)), maxChars);
}
