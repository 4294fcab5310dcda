// Posting a passage of the day in a server's channel: a substantive passage not posted in this
// cycle, a discussion thread on it, and in the thread a question from the same passage.
import type { Client } from 'discord.js';
import { seedFrom } from '../../core/study/random.js';
import type { DailySchedule, Scope } from '../../state/index.js';
import type { BotContext } from '../context.js';
import { renderDailyDiscussionPrompt, renderDailyItem, renderDailyPassage } from '../render/daily.js';
import { sendToChannel, startThreadWith } from '../send.js';

export type DailyPostResult = { ok: true; messageId: string; passageKey: string } | { ok: false; reason: 'channel-unavailable' | 'no-passage' };

export async function postDailyPassage(context: BotContext, client: Client, scope: Scope, schedule: Pick<DailySchedule, 'channelId' | 'collection'>, day: string): Promise<DailyPostResult> {
  const channel = await client.channels.fetch(schedule.channelId).catch(() => null);
  if (!channel || !channel.isSendable() || channel.isDMBased()) return { ok: false, reason: 'channel-unavailable' };
  const seed = seedFrom(`${scope}:${day}`);
  const exclude = new Set(await context.state.daily.postedPassages(scope));
  const passage = await context.engine.dailyPassage({ exclude, seed, ...(schedule.collection ? { collection: schedule.collection } : {}) });
  if (!passage) return { ok: false, reason: 'no-passage' };
  if (passage.startsNewCycle) await context.state.daily.resetCycle(scope);
  const message = await sendToChannel(channel, renderDailyPassage(passage, day));
  await context.state.daily.recordPosted(scope, passage.key, context.now());
  const [item] = await context.engine.passageQuiz(passage.citation.docId, passage.citation.paragraph, { count: 1, mode: 'choice', seed });
  const threadName = `Discuss: ${passage.citation.title}`.replace(/\s+/g, ' ');
  try {
    await startThreadWith(message, threadName, item?.kind === 'choice' ? renderDailyItem(item, seed) : renderDailyDiscussionPrompt());
  } catch (error) {
    // Missing "Create Public Threads": the passage itself is posted; say why the thread is not.
    context.logger.warn({ err: error, channelId: schedule.channelId, scope }, 'passage of the day posted, but its discussion thread could not be opened');
  }
  return { ok: true, messageId: message.id, passageKey: passage.key };
}
