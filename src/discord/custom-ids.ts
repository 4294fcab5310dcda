// Button custom ids: what a click means, encoded in at most 100 characters. Long state (the
// question, the search query) stays server-side under a short conversation id; a document id
// travels in the custom id only while it fits, so "show source" keeps working after restarts.
import { discordLimits } from './limits.js';

export type Vote = 'up' | 'down';

export type ComponentAction =
  | { kind: 'more'; conversationId: string }
  | { kind: 'feedback'; conversationId: string; vote: Vote }
  /** Open a cited passage (an ephemeral reply); `n` keeps ids unique when two excerpts share a paragraph. */
  | { kind: 'cite'; n: number; paragraph: number; docId: string }
  /** The same, for a document id too long for a custom id: resolved through the conversation. */
  | { kind: 'cite-ref'; conversationId: string; n: number }
  /** Move within a passage view (updates the message). */
  | { kind: 'passage'; paragraph: number; docId: string }
  | { kind: 'search-page'; conversationId: string; offset: number }
  | { kind: 'documents-page'; page: number };

/** The custom id of `action`, or undefined when it would exceed Discord's limit. */
export function encodeCustomId(action: ComponentAction): string | undefined {
  const id = serialise(action);
  return id.length <= discordLimits.customIdChars ? id : undefined;
}

function serialise(action: ComponentAction): string {
  switch (action.kind) {
    case 'more':
      return `more:${action.conversationId}`;
    case 'feedback':
      return `fb:${action.conversationId}:${action.vote}`;
    case 'cite':
      return `cite:${action.n}:${action.paragraph}:${action.docId}`;
    case 'cite-ref':
      return `citeref:${action.conversationId}:${action.n}`;
    case 'passage':
      return `psg:${action.paragraph}:${action.docId}`;
    case 'search-page':
      return `sp:${action.conversationId}:${action.offset}`;
    case 'documents-page':
      return `docs:${action.page}`;
  }
}

const conversationIdPattern = /^[a-z0-9]{1,32}$/;

function count(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}

/** The action a custom id stands for; undefined for ids this bot never made. */
export function parseCustomId(customId: string): ComponentAction | undefined {
  const [kind, ...rest] = customId.split(':');
  const [first, second] = rest;
  switch (kind) {
    case 'more':
      return first && conversationIdPattern.test(first) ? { kind: 'more', conversationId: first } : undefined;
    case 'fb':
      return first && conversationIdPattern.test(first) && (second === 'up' || second === 'down')
        ? { kind: 'feedback', conversationId: first, vote: second }
        : undefined;
    case 'cite': {
      const n = count(first);
      const paragraph = count(second);
      const docId = rest.slice(2).join(':');
      return n !== undefined && paragraph !== undefined && docId ? { kind: 'cite', n, paragraph, docId } : undefined;
    }
    case 'citeref': {
      const n = count(second);
      return first && conversationIdPattern.test(first) && n !== undefined ? { kind: 'cite-ref', conversationId: first, n } : undefined;
    }
    case 'psg': {
      const paragraph = count(first);
      const docId = rest.slice(1).join(':');
      return paragraph !== undefined && docId ? { kind: 'passage', paragraph, docId } : undefined;
    }
    case 'sp': {
      const offset = count(second);
      return first && conversationIdPattern.test(first) && offset !== undefined
        ? { kind: 'search-page', conversationId: first, offset }
        : undefined;
    }
    case 'docs': {
      const page = count(first);
      return page !== undefined ? { kind: 'documents-page', page } : undefined;
    }
    default:
      return undefined;
  }
}
