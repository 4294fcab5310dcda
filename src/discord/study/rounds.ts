// Group rounds: one item at a time for the whole channel, a timer per item, one answer per member,
// the first correct answers scored (3, 2, 1). Rounds live in memory: a restart ends them, and a
// click on a round that is gone is told so.
import type { Message, SendableChannels } from 'discord.js';
import type { QuizItem } from '../../core/types.js';
import type { Logger } from '../../log.js';
import type { Scope, StateStore } from '../../state/index.js';
import { botLimits } from '../limits.js';
import { renderRoundItem, renderRoundReveal, renderRoundSummary, type RoundScore } from '../render/quiz.js';
import { editMessage, sendToChannel } from '../send.js';

export type RoundAnswer = 'accepted' | 'already-answered' | 'closed' | 'unknown-round';

interface Round {
  id: string;
  scope: Scope;
  channelId: string;
  channel: SendableChannels;
  items: readonly QuizItem[];
  index: number;
  message?: Message;
  answers: Map<string, number>;
  correctInOrder: string[];
  totals: Map<string, number>;
  timer?: NodeJS.Timeout;
}

export interface RoundDependencies {
  state: StateStore;
  logger: Logger;
  now: () => number;
  itemMs: number;
}

/** Points of the n-th correct answer (0-based): 3, 2, 1, then nothing. */
export function pointsFor(rank: number): number {
  return rank < botLimits.roundScoringAnswers ? botLimits.roundScoringAnswers - rank : 0;
}

export class RoundManager {
  private readonly rounds = new Map<string, Round>();
  private readonly byChannel = new Map<string, string>();
  private nextId = 0;

  constructor(private readonly deps: RoundDependencies) {}

  isRunningIn(channelId: string): boolean {
    return this.byChannel.has(channelId);
  }

  /** Posts the first item; the rest follow as each timer ends. */
  async start(scope: Scope, channelId: string, channel: SendableChannels, items: readonly QuizItem[]): Promise<string> {
    const id = `${(this.deps.now() % 1e9).toString(36)}${(this.nextId++).toString(36)}`;
    const round: Round = { id, scope, channelId, channel, items, index: 0, answers: new Map(), correctInOrder: [], totals: new Map() };
    this.rounds.set(id, round);
    this.byChannel.set(channelId, id);
    try {
      await this.postItem(round);
    } catch (error) {
      this.end(round);
      throw error;
    }
    return id;
  }

  answer(roundId: string, itemIndex: number, userId: string, choice: number): RoundAnswer {
    const round = this.rounds.get(roundId);
    if (!round) return 'unknown-round';
    if (round.index !== itemIndex || !round.message) return 'closed';
    if (round.answers.has(userId)) return 'already-answered';
    round.answers.set(userId, choice);
    if (choice === round.items[itemIndex]?.answerIndex) round.correctInOrder.push(userId);
    return 'accepted';
  }

  /** Ends every round (the bot is stopping): timers cleared, nothing more posted. */
  stopAll(): void {
    for (const round of this.rounds.values()) this.end(round);
  }

  private async postItem(round: Round): Promise<void> {
    const item = round.items[round.index];
    if (!item) return;
    round.answers = new Map();
    round.correctInOrder = [];
    round.message = undefined;
    const closesAt = this.deps.now() + this.deps.itemMs;
    round.message = await sendToChannel(round.channel, renderRoundItem(item, { roundId: round.id, item: round.index, total: round.items.length, closesAt }));
    round.timer = setTimeout(() => {
      this.closeItem(round).catch((error: unknown) => {
        this.deps.logger.warn({ err: error, roundId: round.id, channelId: round.channelId }, 'group round stopped: could not post its next step');
        this.end(round);
      });
    }, this.deps.itemMs);
  }

  private async closeItem(round: Round): Promise<void> {
    const item = round.items[round.index];
    const message = round.message;
    if (!item || !message || !this.rounds.has(round.id)) return;
    round.message = undefined;
    const scorers: RoundScore[] = round.correctInOrder.map((userId, rank) => ({ userId, points: pointsFor(rank) })).filter((s) => s.points > 0);
    const at = this.deps.now();
    for (const [userId, choice] of round.answers) {
      const points = scorers.find((s) => s.userId === userId)?.points ?? 0;
      round.totals.set(userId, (round.totals.get(userId) ?? 0) + points);
      await this.deps.state.quiz.recordAttempt(round.scope, { userId, itemKey: item.key, docId: item.citation.docId, correct: choice === item.answerIndex, points, roundId: round.id, at });
    }
    await editMessage(message, renderRoundReveal(item, { roundId: round.id, item: round.index, total: round.items.length }, scorers, round.answers.size));
    round.index += 1;
    if (round.index < round.items.length) {
      await this.postItem(round);
      return;
    }
    const standings = [...round.totals].map(([userId, points]) => ({ userId, points })).filter((s) => s.points > 0).sort((a, b) => b.points - a.points);
    this.end(round);
    await sendToChannel(round.channel, renderRoundSummary(standings, round.items.length));
  }

  private end(round: Round): void {
    clearTimeout(round.timer);
    this.rounds.delete(round.id);
    if (this.byChannel.get(round.channelId) === round.id) this.byChannel.delete(round.channelId);
  }
}
