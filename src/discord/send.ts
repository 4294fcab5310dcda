// The only module that sends, edits or follows up messages. Every payload passes through here so
// that no reply can ever ping (allowedMentions parse nothing, replies do not notify the author)
// and so that a payload over a Discord limit fails loudly here instead of being rejected remotely.
import {
  MessageFlags,
  type APIModalInteractionResponseCallbackData,
  type Message,
  type ModalSubmitInteraction,
  type User,
  type MessageComponentInteraction,
  type MessageMentionOptions,
  type RepliableInteraction,
  type SendableChannels,
} from 'discord.js';
import { discordLimits, findLimitViolations } from './limits.js';
import type { MessageView } from './render/view.js';

export const noMentions: MessageMentionOptions = { parse: [] };
export const noMentionsInReplies: MessageMentionOptions = { parse: [], repliedUser: false };

/**
 * The one exception to "never ping": exactly one role (HELPER_ROLE_ID), for "Still need help?".
 * Nothing is parsed from the text, so no user, other role, @everyone or @here can ping with it.
 */
export function onlyRoleMention(roleId: string): MessageMentionOptions {
  if (!/^\d{15,22}$/.test(roleId)) throw new Error('onlyRoleMention: not a role id');
  return { parse: [], roles: [roleId], repliedUser: false };
}

/** A renderer produced a payload Discord would reject: a bug, never a user error. */
export class PayloadLimitError extends Error {
  override name = 'PayloadLimitError';
}

function checked(view: MessageView): MessageView {
  const problems = findLimitViolations(view);
  if (problems.length > 0) throw new PayloadLimitError(`payload breaks Discord limits: ${problems.join('; ')}`);
  return view;
}

function attachments(files: MessageView['files']) {
  return files?.length ? { files: files.map((file) => ({ attachment: file.data, name: file.name })) } : {};
}

function createPayload(view: MessageView) {
  const { content, embeds, components, files } = checked(view);
  return { ...(content !== undefined ? { content } : {}), embeds, components, ...attachments(files) };
}

function editPayload(view: MessageView) {
  const { content, embeds, components, files } = checked(view);
  return { content: content ?? null, embeds, components, ...attachments(files) };
}

export interface Visibility {
  ephemeral: boolean;
}

function flagsFor(visibility: Visibility) {
  return visibility.ephemeral ? MessageFlags.Ephemeral : undefined;
}

export async function deferReply(interaction: RepliableInteraction, visibility: Visibility): Promise<void> {
  await interaction.deferReply({ flags: flagsFor(visibility) });
}

/** Acknowledges a button click whose answer will replace the clicked message. */
export async function deferUpdate(interaction: MessageComponentInteraction): Promise<void> {
  await interaction.deferUpdate();
}

/**
 * Answers an interaction in whatever state it is in: the first reply, the edit of a deferred
 * reply, or a follow-up once replied. Visibility only applies when a new message is created.
 */
export async function respond(interaction: RepliableInteraction, view: MessageView, visibility: Visibility): Promise<void> {
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ ...editPayload(view), allowedMentions: noMentions });
  } else if (interaction.replied) {
    await interaction.followUp({ ...createPayload(view), flags: flagsFor(visibility), allowedMentions: noMentions });
  } else {
    await interaction.reply({ ...createPayload(view), flags: flagsFor(visibility), allowedMentions: noMentions });
  }
}

/**
 * Sends a view that is still being computed. Ready within `deferAfterMs`: sent at once, one request.
 * Later: `defer` goes out at that moment (well inside Discord's 3 s window) and `send` follows when
 * the view is ready (0 or less: defer first). Measured under load (BENCHMARKS.md, Discord section), deferring every answer
 * up front doubled the requests per answer, and the second one (the webhook edit) counts against
 * discord.js's global 50 requests/s, where an interaction callback does not.
 */
async function sendWhenReady(
  view: Promise<MessageView>,
  deferAfterMs: number,
  defer: () => Promise<void>,
  send: (view: MessageView) => Promise<void>,
): Promise<void> {
  if (deferAfterMs <= 0) {
    await defer();
    return send(await view);
  }
  const late = Symbol('late');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof late>((resolve) => {
    timer = setTimeout(resolve, deferAfterMs, late);
  });
  let first: MessageView | typeof late;
  try {
    first = await Promise.race([view, deadline]);
  } finally {
    clearTimeout(timer);
  }
  if (first !== late) return send(first);
  try {
    await defer();
  } catch (error) {
    // Let the engine call finish before the ticket is released, so the queue's count stays true.
    await view.catch(() => undefined);
    throw error;
  }
  await send(await view);
}

/**
 * How long this interaction's answer may still take before it must be deferred. Counted from when
 * Discord created it (its snowflake) as well as from now: an event that reached the bot late (a
 * stalled event loop, a slow gateway) has less of its 3 s left. If the local clock runs behind
 * Discord's, the snowflake looks young and `deferAfterMs` from now is the bound.
 */
function remainingBeforeDefer(interaction: RepliableInteraction | MessageComponentInteraction, deferAfterMs: number): number {
  return Math.min(deferAfterMs, interaction.createdTimestamp + deferAfterMs - Date.now());
}

/** The reply to a command (or a button's new message), deferred only if the view is slow to come. */
export function replyWhenReady(interaction: RepliableInteraction, view: Promise<MessageView>, visibility: Visibility, deferAfterMs: number): Promise<void> {
  return sendWhenReady(
    view,
    remainingBeforeDefer(interaction, deferAfterMs),
    () => deferReply(interaction, visibility),
    (ready) => respond(interaction, ready, visibility),
  );
}

/**
 * Like replyWhenReady, for a reply whose visibility depends on its content (a refusal is private,
 * the result public): a view ready in time is sent with its own visibility; a slow one is deferred
 * with `whenDeferred`, which then applies to it.
 */
export function replyWhenReadyAs(
  interaction: RepliableInteraction,
  reply: Promise<{ view: MessageView; visibility: Visibility }>,
  whenDeferred: Visibility,
  deferAfterMs: number,
): Promise<void> {
  let visibility = whenDeferred;
  const view = reply.then((ready) => {
    visibility = ready.visibility;
    return ready.view;
  });
  return sendWhenReady(
    view,
    remainingBeforeDefer(interaction, deferAfterMs),
    () => deferReply(interaction, whenDeferred),
    (ready) => respond(interaction, ready, interaction.deferred ? whenDeferred : visibility),
  );
}

/** The replacement of a clicked message, deferred only if the view is slow to come. */
export function updateWhenReady(interaction: MessageComponentInteraction, view: Promise<MessageView>, deferAfterMs: number): Promise<void> {
  return sendWhenReady(
    view,
    remainingBeforeDefer(interaction, deferAfterMs),
    () => deferUpdate(interaction),
    (ready) => updateClickedMessage(interaction, ready),
  );
}

/** Replaces the message a button belongs to (after `deferUpdate`, or directly). */
export async function updateClickedMessage(interaction: MessageComponentInteraction, view: MessageView): Promise<void> {
  if (interaction.deferred || interaction.replied) {
    await interaction.editReply({ ...editPayload(view), allowedMentions: noMentions });
  } else {
    await interaction.update({ ...editPayload(view), allowedMentions: noMentions });
  }
}

/** An inline reply to a user's message that does not notify them. */
export async function replyToMessage(message: Message, view: MessageView): Promise<Message> {
  return message.reply({ ...createPayload(view), allowedMentions: noMentionsInReplies, failIfNotExists: false });
}

export async function sendToChannel(channel: SendableChannels, view: MessageView): Promise<Message> {
  return channel.send({ ...createPayload(view), allowedMentions: noMentions });
}

/** Posts a message that mentions the helper role, and nothing else (the only mention the bot makes). */
export async function sendMentioningRole(channel: SendableChannels, view: MessageView, roleId: string): Promise<Message> {
  return channel.send({ ...createPayload(view), allowedMentions: onlyRoleMention(roleId) });
}

/** Replaces a message the bot posted (a group round's item when its timer ends). */
export async function editMessage(message: Message, view: MessageView): Promise<Message> {
  return message.edit({ ...editPayload(view), allowedMentions: noMentions });
}

/** A direct message (review reminders); rejects when the user does not accept DMs from the bot. */
export async function sendDirectMessage(user: User, view: MessageView): Promise<Message> {
  return user.send({ ...createPayload(view), allowedMentions: noMentions });
}

/** Opens a discussion thread on a message the bot posted and sends the first message in it. */
export async function startThreadWith(message: Message, name: string, view: MessageView): Promise<Message> {
  const thread = await message.startThread({ name: name.slice(0, discordLimits.threadNameChars) });
  return thread.send({ ...createPayload(view), allowedMentions: noMentions });
}

/** Opens a form (a modal): the interaction's whole response. */
export async function showModal(interaction: MessageComponentInteraction, modal: APIModalInteractionResponseCallbackData): Promise<void> {
  await interaction.showModal(modal);
}

/** Answers a form submitted from a message's button by replacing that message. */
export async function updateFromModal(interaction: ModalSubmitInteraction, view: MessageView): Promise<void> {
  if (interaction.isFromMessage()) await interaction.update({ ...editPayload(view), allowedMentions: noMentions });
  else await respond(interaction, view, { ephemeral: true });
}
