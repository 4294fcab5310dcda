// Rate limit on questions: at most `questions` in any sliding window of `windowMs`, per key (a user
// id for the per-user limit, a server id for the per-server one).

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

  /** Counts a question for `key` if the window allows it. */
  take(key: string): CooldownDecision {
    const now = this.now();
    this.#prune(now);
    const recent = (this.#recent.get(key) ?? []).filter((time) => time > now - this.rule.windowMs);
    const oldest = recent[0];
    if (recent.length >= this.rule.questions && oldest !== undefined) {
      this.#recent.set(key, recent);
      return { allowed: false, retryAfterMs: Math.max(1, oldest + this.rule.windowMs - now) };
    }
    recent.push(now);
    this.#recent.set(key, recent);
    return { allowed: true };
  }

  /** Gives back the question `take(key)` last counted (when a later check refused it after all). */
  undo(key: string): void {
    const times = this.#recent.get(key);
    times?.pop();
    if (times?.length === 0) this.#recent.delete(key);
  }

  /** Keys remembered now (bounded by pruning; for tests and diagnostics). */
  get size(): number {
    return this.#recent.size;
  }

  #prune(now: number): void {
    this.#decisions += 1;
    if (this.#decisions % pruneEveryDecisions !== 0) return;
    for (const [key, times] of this.#recent) {
      if ((times[times.length - 1] ?? 0) <= now - this.rule.windowMs) this.#recent.delete(key);
    }
  }
}
