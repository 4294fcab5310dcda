// Per-user rate limit on questions: at most `questions` in any sliding window of `windowMs`.

export type CooldownDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface CooldownRule {
  questions: number;
  windowMs: number;
}

/** Users are forgotten after this many decisions once their window has passed, bounding memory. */
const pruneEveryDecisions = 1000;

export class Cooldown {
  readonly #recent = new Map<string, number[]>();
  #decisions = 0;

  constructor(
    readonly rule: CooldownRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a question by `userId` if the window allows it. */
  take(userId: string): CooldownDecision {
    const now = this.now();
    this.#prune(now);
    const recent = (this.#recent.get(userId) ?? []).filter((time) => time > now - this.rule.windowMs);
    const oldest = recent[0];
    if (recent.length >= this.rule.questions && oldest !== undefined) {
      this.#recent.set(userId, recent);
      return { allowed: false, retryAfterMs: Math.max(1, oldest + this.rule.windowMs - now) };
    }
    recent.push(now);
    this.#recent.set(userId, recent);
    return { allowed: true };
  }

  #prune(now: number): void {
    this.#decisions += 1;
    if (this.#decisions % pruneEveryDecisions !== 0) return;
    for (const [userId, times] of this.#recent) {
      if ((times[times.length - 1] ?? 0) <= now - this.rule.windowMs) this.#recent.delete(userId);
    }
  }
}
