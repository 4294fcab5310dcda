// Whether a message in the bot's answer thread is asked of the bot. People also talk to each other
// there ("thanks!", "I agree"), and answering that with "not found" would be noise; a message that
// mentions the bot or replies to its answer is always asked of it and never comes through here.

/** A question mark: ASCII, full-width (Chinese, Japanese) or Arabic. */
const QUESTION_MARK = /[?？؟]/u;

/**
 * English openers of questions and requests, for questions typed without "?" ("when did he take
 * office", "tell me more about the fund"). Other languages need the "?" or a mention.
 */
const QUESTION_OPENER =
  /^(?:and |but |so |also |then )?(?:who|whom|whose|what|when|where|which|why|how|is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|may|might|must|tell|explain|show|list|define|describe|give|find|summari[sz]e|compare|what's|who's|where's|how's)\b/i;

export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  return QUESTION_MARK.test(trimmed) || QUESTION_OPENER.test(trimmed);
}
