// Button custom ids: what a click means, encoded in at most 100 characters. Long state (the
// question, the search query) stays server-side under a short conversation id; a document id
// travels in the custom id only while it fits, so "show source" keeps working after restarts.
import type { ReviewRating } from '../core/study/review.js';
import { discordLimits } from './limits.js';

export type Vote = 'up' | 'down';

export type ComponentAction =
  | { kind: 'more'; conversationId: string }
  /** "More like this": passages of other documents like the answer's first. */
  | { kind: 'like'; conversationId: string }
  | { kind: 'feedback'; conversationId: string; vote: Vote }
  /** "Still need help?": post the question for the helper role (HELPER_ROLE_ID). */
  | { kind: 'help'; conversationId: string }
  /** Open a cited passage (an ephemeral reply); `n` keeps ids unique when two excerpts share a paragraph. */
  | { kind: 'cite'; n: number; paragraph: number; docId: string }
  /** The same, for a document id too long for a custom id: resolved through the conversation. */
  | { kind: 'cite-ref'; conversationId: string; n: number }
  /** Move within a passage view (updates the message). */
  | { kind: 'passage'; paragraph: number; docId: string }
  | { kind: 'search-page'; conversationId: string; offset: number }
  | { kind: 'documents-page'; page: number }
  // ---- study ----
  /** A solo quiz: pick choice `choice` of item `position`; open the typed-answer form; go to item `position`. */
  | { kind: 'quiz-choice'; sessionId: string; position: number; choice: number }
  | { kind: 'quiz-type'; sessionId: string; position: number }
  | { kind: 'quiz-next'; sessionId: string; position: number }
  /** A group round: everyone answers item `item` of round `roundId`. */
  | { kind: 'round-choice'; roundId: string; item: number; choice: number }
  /** The passage of the day's discussion item, regenerated from its seed (survives restarts). */
  | { kind: 'daily-choice'; seed: number; paragraph: number; choice: number; docId: string }
  /** Review: show the answer of a card, rate it (`due` makes a double click harmless). */
  | { kind: 'review-show'; cardId: number; due: number }
  | { kind: 'review-rate'; cardId: number; due: number; rating: ReviewRating }
  /** /read: go to a paragraph of a document (only the reader who ran /read). */
  | { kind: 'read'; paragraph: number; docId: string }
  /** Save: a passage or reading page, or an answer (its first cited passage). Opens the note form. */
  | { kind: 'save-passage'; paragraph: number; docId: string }
  | { kind: 'save-answer'; conversationId: string }
  /** /bookmarks: open, delete, make a review card of a bookmark; turn the list's page. */
  | { kind: 'bookmark-open'; id: number }
  | { kind: 'bookmark-delete'; id: number; offset: number }
  | { kind: 'bookmark-review'; id: number }
  | { kind: 'bookmarks-page'; offset: number };

/** Forms (modals) the bot opens, and what their submission means. */
export type ModalAction =
  | { kind: 'quiz-answer'; sessionId: string; position: number }
  | { kind: 'save-passage'; paragraph: number; docId: string }
  | { kind: 'save-answer'; conversationId: string };

/** Text inputs inside the forms. */
export const modalFields = { answer: 'answer', note: 'note' } as const;

const RATINGS: readonly ReviewRating[] = ['again', 'hard', 'good', 'easy'];

/** The custom id of `action`, or undefined when it would exceed Discord's limit. */
export function encodeCustomId(action: ComponentAction): string | undefined {
  const id = serialise(action);
  return id.length <= discordLimits.customIdChars ? id : undefined;
}

function serialise(action: ComponentAction): string {
  switch (action.kind) {
    case 'more':
      return `more:${action.conversationId}`;
    case 'like':
      return `like:${action.conversationId}`;
    case 'feedback':
      return `fb:${action.conversationId}:${action.vote}`;
    case 'help':
      return `help:${action.conversationId}`;
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
    case 'quiz-choice':
      return `qc:${action.sessionId}:${action.position}:${action.choice}`;
    case 'quiz-type':
      return `qt:${action.sessionId}:${action.position}`;
    case 'quiz-next':
      return `qn:${action.sessionId}:${action.position}`;
    case 'round-choice':
      return `gr:${action.roundId}:${action.item}:${action.choice}`;
    case 'daily-choice':
      return `dq:${action.seed.toString(36)}:${action.paragraph}:${action.choice}:${action.docId}`;
    case 'review-show':
      return `rvs:${action.cardId}:${action.due.toString(36)}`;
    case 'review-rate':
      return `rv:${action.cardId}:${action.due.toString(36)}:${action.rating}`;
    case 'read':
      return `rd:${action.paragraph}:${action.docId}`;
    case 'save-passage':
      return `svp:${action.paragraph}:${action.docId}`;
    case 'save-answer':
      return `sva:${action.conversationId}`;
    case 'bookmark-open':
      return `bko:${action.id}`;
    case 'bookmark-delete':
      return `bkd:${action.id}:${action.offset}`;
    case 'bookmark-review':
      return `bkr:${action.id}`;
    case 'bookmarks-page':
      return `bkp:${action.offset}`;
  }
}

/** The custom id of a form, or undefined when it would exceed Discord's limit. */
export function encodeModalId(action: ModalAction): string | undefined {
  const id =
    action.kind === 'quiz-answer'
      ? `qm:${action.sessionId}:${action.position}`
      : action.kind === 'save-passage'
        ? `svmp:${action.paragraph}:${action.docId}`
        : `svma:${action.conversationId}`;
  return id.length <= discordLimits.customIdChars ? id : undefined;
}

export function parseModalId(customId: string): ModalAction | undefined {
  const [kind, first, ...rest] = customId.split(':');
  switch (kind) {
    case 'qm': {
      const position = count(rest[0]);
      return first && conversationIdPattern.test(first) && position !== undefined ? { kind: 'quiz-answer', sessionId: first, position } : undefined;
    }
    case 'svmp': {
      const paragraph = count(first);
      const docId = rest.join(':');
      return paragraph !== undefined && docId ? { kind: 'save-passage', paragraph, docId } : undefined;
    }
    case 'svma':
      return first && conversationIdPattern.test(first) ? { kind: 'save-answer', conversationId: first } : undefined;
    default:
      return undefined;
  }
}

function base36(text: string | undefined): number | undefined {
  return text !== undefined && /^[0-9a-z]{1,12}$/.test(text) ? parseInt(text, 36) : undefined;
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
    case 'like':
      return first && conversationIdPattern.test(first) ? { kind: 'like', conversationId: first } : undefined;
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
    case 'help':
      return first && conversationIdPattern.test(first) ? { kind: 'help', conversationId: first } : undefined;
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
    case 'qc':
    case 'qt':
    case 'qn': {
      const position = count(second);
      if (!first || !conversationIdPattern.test(first) || position === undefined) return undefined;
      if (kind === 'qt') return { kind: 'quiz-type', sessionId: first, position };
      if (kind === 'qn') return { kind: 'quiz-next', sessionId: first, position };
      const choice = count(rest[2]);
      return choice !== undefined ? { kind: 'quiz-choice', sessionId: first, position, choice } : undefined;
    }
    case 'gr': {
      const item = count(second);
      const choice = count(rest[2]);
      return first && conversationIdPattern.test(first) && item !== undefined && choice !== undefined ? { kind: 'round-choice', roundId: first, item, choice } : undefined;
    }
    case 'dq': {
      const seed = base36(first);
      const paragraph = count(second);
      const choice = count(rest[2]);
      const docId = rest.slice(3).join(':');
      return seed !== undefined && paragraph !== undefined && choice !== undefined && docId ? { kind: 'daily-choice', seed, paragraph, choice, docId } : undefined;
    }
    case 'rvs':
    case 'rv': {
      const cardId = count(first);
      const due = base36(second);
      if (cardId === undefined || due === undefined) return undefined;
      if (kind === 'rvs') return { kind: 'review-show', cardId, due };
      const rating = RATINGS.find((r) => r === rest[2]);
      return rating ? { kind: 'review-rate', cardId, due, rating } : undefined;
    }
    case 'rd':
    case 'svp': {
      const paragraph = count(first);
      const docId = rest.slice(1).join(':');
      if (paragraph === undefined || !docId) return undefined;
      return kind === 'rd' ? { kind: 'read', paragraph, docId } : { kind: 'save-passage', paragraph, docId };
    }
    case 'sva':
      return first && conversationIdPattern.test(first) ? { kind: 'save-answer', conversationId: first } : undefined;
    case 'bko':
    case 'bkr': {
      const id = count(first);
      if (id === undefined) return undefined;
      return kind === 'bko' ? { kind: 'bookmark-open', id } : { kind: 'bookmark-review', id };
    }
    case 'bkd': {
      const id = count(first);
      const offset = count(second);
      return id !== undefined && offset !== undefined ? { kind: 'bookmark-delete', id, offset } : undefined;
    }
    case 'bkp': {
      const offset = count(first);
      return offset !== undefined ? { kind: 'bookmarks-page', offset } : undefined;
    }
    default:
      return undefined;
  }
}
