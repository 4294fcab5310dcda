// Every size limit the Discord adapter respects, in one place. Discord's own limits come first
// (https://discord.com/developers/docs/resources/message#embed-object-embed-limits and the
// interaction docs); the bot's own bounds follow. Renderers budget against these numbers so a
// payload is valid by construction; `findLimitViolations` re-checks a finished payload.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';

export const discordLimits = {
  messageContentChars: 2000,
  embedTitleChars: 256,
  embedDescriptionChars: 4096,
  embedFieldNameChars: 256,
  embedFieldValueChars: 1024,
  embedFields: 25,
  embedFooterChars: 2048,
  embedAuthorNameChars: 256,
  /** Sum of title, description, field names and values, footer text and author name, per message. */
  embedTotalChars: 6000,
  embedsPerMessage: 10,
  autocompleteChoices: 25,
  autocompleteNameChars: 100,
  autocompleteValueChars: 100,
  customIdChars: 100,
  buttonLabelChars: 80,
  buttonsPerRow: 5,
  actionRowsPerMessage: 5,
  threadNameChars: 100,
  modalTitleChars: 45,
  textInputLabelChars: 45,
  textInputValueChars: 4000,
  attachmentsPerMessage: 10,
  /** Largest upload a bot may attach in any server (no boost): 10 MiB. */
  attachmentBytes: 10 * 2 ** 20,
  /** An interaction must be acknowledged (reply or defer) within this time. */
  interactionAckMs: 3000,
} as const;

/** The bot's own bounds: readability and memory, not Discord rules. */
export const botLimits = {
  /** Characters of one excerpt in an answer (as rendered), cut at sentence boundaries. */
  answerExcerptChars: 1100,
  /** Characters of one "possibly related" excerpt when nothing answered the question. */
  relatedExcerptChars: 600,
  /** Excerpts and Sources lines shown of one answer; the engine returns 3 by default. */
  answerExcerptsShown: 10,
  sourcesListed: 10,
  /** Characters of one search hit. */
  searchHitChars: 700,
  searchPageSizeDefault: 5,
  searchPageSizeMax: 10,
  documentsPerPage: 10,
  /** The focused paragraph of a passage view; neighbours share what is left of the description. */
  passageFocusChars: 2500,
  passageContextParagraphs: 1,
  /** Answers and searches whose buttons still work; older ones answer "expired". */
  storedConversations: 2000,
  storedConversationTtlMs: 24 * 60 * 60 * 1000,
  /**
   * Conversations whose follow-ups are answered in context (threads, DMs, answers replied to):
   * in memory only; the least recently used go first. ~5 short questions each: about 10 MB at most.
   */
  conversationsKept: 5000,
  /** Earlier questions kept per conversation (the engine looks back through at most 3). */
  conversationQuestions: 5,
  /** Characters of the earlier question quoted in "Following up on: …". */
  followingUpChars: 150,
  /** Skipped files listed in a reindex summary before "and N more". */
  reindexSkippedListed: 10,
  /**
   * An answer ready within this time is sent as the interaction's reply; a slower one is deferred
   * at this moment and edited in later. Half of Discord's 3 s leaves room for a stalled event loop
   * and the network.
   */
  deferAfterMs: 1500,
  /** Discord accepts up to 6000 characters in a string option; config narrows it further. */
  questionOptionChars: 4000,
  /**
   * Longest an attachment download may take for /documents add: 25 MB at a slow 1 MB/s, with
   * room; the interaction is deferred first and its token lives 15 minutes.
   */
  attachmentDownloadMs: 60_000,
  /** Characters of a document name in /documents add (`name:`); the core shortens it to 100 anyway. */
  documentNameOptionChars: 100,
  /** A typed quiz answer and a bookmark's note. */
  quizAnswerChars: 200,
  bookmarkNoteChars: 300,
  /** Bookmarks on one page of /bookmarks (one Open and one Delete button each, five to a row). */
  bookmarksPerPage: 5,
  /** Characters of a saved excerpt shown in /bookmarks. */
  bookmarkExcerptChars: 300,
  /** Characters of the paragraph on a /read page or a daily passage. */
  readingPageChars: 3500,
  /** The "Searched: handbook, policies" line of a scoped answer: one short line, the list cut past it. */
  scopeLineChars: 200,
  /** Collections named in one /scope reply (the rest counted), and scoped channels listed by /scope show. */
  scopeNamesListed: 25,
  scopeChannelsListed: 15,
  /** Rows of /leaderboard. */
  leaderboardRows: 10,
  /** Review cards shown due in one go before "and N more". */
  reviewBatch: 50,
  /** Group rounds: the first this many correct answers score (3, 2, 1 points). */
  roundScoringAnswers: 3,
} as const;

/** The embed fields Discord counts towards the 6000-character total. */
export function embedChars(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += embed.footer?.text.length ?? 0;
  total += embed.author?.name.length ?? 0;
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** The part of a message payload limits apply to (plain JSON, as renderers produce it). */
export interface MessageShape {
  content?: string;
  embeds?: readonly APIEmbed[];
  components?: readonly APIActionRowComponent<APIComponentInMessageActionRow>[];
  files?: ReadonlyArray<{ name: string; data: { byteLength: number } }>;
}

/** Every Discord limit a payload breaks; empty when it is valid. */
export function findLimitViolations(message: MessageShape): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const L = discordLimits;
  check((message.content?.length ?? 0) <= L.messageContentChars, `content > ${L.messageContentChars}`);
  const embeds = message.embeds ?? [];
  check(embeds.length <= L.embedsPerMessage, `embeds > ${L.embedsPerMessage}`);
  let total = 0;
  embeds.forEach((embed, i) => {
    check((embed.title?.length ?? 0) <= L.embedTitleChars, `embed ${i} title > ${L.embedTitleChars}`);
    check((embed.description?.length ?? 0) <= L.embedDescriptionChars, `embed ${i} description > ${L.embedDescriptionChars}`);
    check((embed.footer?.text.length ?? 0) <= L.embedFooterChars, `embed ${i} footer > ${L.embedFooterChars}`);
    check((embed.author?.name.length ?? 0) <= L.embedAuthorNameChars, `embed ${i} author > ${L.embedAuthorNameChars}`);
    const fields = embed.fields ?? [];
    check(fields.length <= L.embedFields, `embed ${i} fields > ${L.embedFields}`);
    fields.forEach((field, j) => {
      check(field.name.length > 0 && field.name.length <= L.embedFieldNameChars, `embed ${i} field ${j} name not 1..${L.embedFieldNameChars}`);
      check(field.value.length > 0 && field.value.length <= L.embedFieldValueChars, `embed ${i} field ${j} value not 1..${L.embedFieldValueChars}`);
    });
    total += embedChars(embed);
  });
  check(total <= L.embedTotalChars, `embeds total ${total} > ${L.embedTotalChars}`);
  const files = message.files ?? [];
  check(files.length <= L.attachmentsPerMessage, `attachments > ${L.attachmentsPerMessage}`);
  for (const file of files) check(file.data.byteLength <= L.attachmentBytes, `attachment ${file.name} > ${L.attachmentBytes} bytes`);
  const rows = message.components ?? [];
  check(rows.length <= L.actionRowsPerMessage, `action rows > ${L.actionRowsPerMessage}`);
  const customIds = new Set<string>();
  rows.forEach((row, i) => {
    check(row.components.length <= L.buttonsPerRow, `row ${i} has more than ${L.buttonsPerRow} components`);
    for (const component of row.components) {
      const id = 'custom_id' in component ? component.custom_id : undefined;
      if (id !== undefined) {
        check(id.length > 0 && id.length <= L.customIdChars, `custom id "${id.slice(0, 20)}…" not 1..${L.customIdChars}`);
        check(!customIds.has(id), `duplicate custom id ${id}`);
        customIds.add(id);
      }
      const label = 'label' in component ? component.label : undefined;
      check((label?.length ?? 0) <= L.buttonLabelChars, `button label > ${L.buttonLabelChars}`);
    }
  });
  return problems;
}
