// Exit code of a shard process that cannot start for a reason an operator must fix (a rejected
// token, a bad setting): respawning it would fail the same way, so the manager stops instead.
export const SHARD_EXIT_CONFIG = 78;
