// What happens when something breaks: log with context (never the token), apologise to the
// user if possible, keep the process alive.
import { DiscordAPIError, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import { isUserError } from '../core/errors.js';
import type { Logger } from '../log.js';
import { busyText } from './question-input.js';
import { renderNotice } from './render/notice.js';
import { respond } from './send.js';

export const apologyText = 'Something went wrong while answering. Please try again in a moment.';

export interface InteractionDetails {
  /** The command name or the clicked button's custom id. */
  action: string;
  userId: string;
  guildId: string | null;
  channelId: string | null;
}

export function interactionDetails(interaction: RepliableInteraction, action: string): InteractionDetails {
  return { action, userId: interaction.user.id, guildId: interaction.guildId, channelId: interaction.channelId };
}

/**
 * Discord no longer accepts answers to this interaction (10062 Unknown interaction): its token
 * expired — not acknowledged within 3 s (the bot was stalled, or the event arrived late), or
 * 15 min passed. Nothing can be sent to the user any more, apology included.
 */
export function isExpiredInteraction(error: unknown): error is DiscordAPIError {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownInteraction;
}

/**
 * The shared answer service refused the question because its own queue is full (sharded mode,
 * README "Scaling"): the same "busy" reply as a full local queue, not an apology.
 */
export function isEngineBusy(error: unknown): boolean {
  return isUserError(error) && error.code === 'engine-busy';
}

/** Logs the failure and tells the user, swallowing any failure of the apology itself. */
export async function reportInteractionFailure(interaction: RepliableInteraction, error: unknown, logger: Logger, action: string): Promise<void> {
  if (isEngineBusy(error)) {
    logger.warn(interactionDetails(interaction, action), 'answer service busy: replied "busy"');
    await respond(interaction, renderNotice(busyText), { ephemeral: true }).catch((replyError: unknown) => {
      logger.warn({ err: replyError, ...interactionDetails(interaction, action) }, 'could not send the busy reply');
    });
    return;
  }
  if (isExpiredInteraction(error)) {
    // Not a bug in the bot, and no one to tell: a warning with the interaction's age says why.
    const ageMs = Date.now() - interaction.createdTimestamp;
    logger.warn({ code: error.code, ageMs, ...interactionDetails(interaction, action) }, 'interaction expired before it was answered (Discord allows 3 s to acknowledge)');
    return;
  }
  logger.error({ err: error, ...interactionDetails(interaction, action) }, 'interaction failed');
  try {
    await respond(interaction, renderNotice(apologyText), { ephemeral: true });
  } catch (apologyError) {
    logger.warn({ err: apologyError, ...interactionDetails(interaction, action) }, 'could not send the apology');
  }
}

/** Logs unhandled promise rejections instead of letting Node end the process. Returns an uninstaller. */
export function installProcessGuards(logger: Logger): () => void {
  const onRejection = (reason: unknown) => logger.error({ err: reason }, 'unhandled promise rejection');
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('unhandledRejection', onRejection);
  };
}
