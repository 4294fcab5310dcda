// Bookmarks and reading positions in PostgreSQL.
import type pg from 'pg';
import { BOOKMARK_COLUMNS, toBookmark, toPosition, type BookmarkRow, type PositionRow } from '../rows.js';
import { assertScope, type Scope } from '../scope.js';
import type { Bookmark, BookmarkStore, NewBookmark, ReadingPosition, ReadingStore } from '../types.js';

export class PostgresBookmarkStore implements BookmarkStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(scope: Scope, bookmark: NewBookmark, now: number): Promise<Bookmark> {
    assertScope(scope);
    const { rows } = await this.pool.query<BookmarkRow>(
      `INSERT INTO bookmarks (scope, user_id, kind, doc_id, paragraph, title, excerpt, content_hash, note, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${BOOKMARK_COLUMNS}`,
      [scope, bookmark.userId, bookmark.kind, bookmark.docId, bookmark.paragraph, bookmark.title, bookmark.excerpt, bookmark.contentHash ?? null, bookmark.note ?? null, now],
    );
    const row = rows[0];
    if (!row) throw new Error('bookmark insert returned no row');
    return toBookmark(row);
  }

  async list(scope: Scope, userId: string, page: { offset: number; limit: number }): Promise<{ bookmarks: Bookmark[]; total: number }> {
    assertScope(scope);
    const [rows, count] = await Promise.all([
      this.pool.query<BookmarkRow>(`SELECT ${BOOKMARK_COLUMNS} FROM bookmarks WHERE scope = $1 AND user_id = $2 ORDER BY id DESC LIMIT $3 OFFSET $4`, [
        scope, userId, Math.max(1, page.limit), Math.max(0, page.offset),
      ]),
      this.pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM bookmarks WHERE scope = $1 AND user_id = $2', [scope, userId]),
    ]);
    return { bookmarks: rows.rows.map(toBookmark), total: count.rows[0]?.n ?? 0 };
  }

  async get(scope: Scope, userId: string, id: number): Promise<Bookmark | undefined> {
    assertScope(scope);
    const { rows } = await this.pool.query<BookmarkRow>(`SELECT ${BOOKMARK_COLUMNS} FROM bookmarks WHERE scope = $1 AND user_id = $2 AND id = $3`, [scope, userId, id]);
    return rows[0] ? toBookmark(rows[0]) : undefined;
  }

  async remove(scope: Scope, userId: string, id: number): Promise<boolean> {
    assertScope(scope);
    return (await this.pool.query('DELETE FROM bookmarks WHERE scope = $1 AND user_id = $2 AND id = $3', [scope, userId, id])).rowCount === 1;
  }
}

export class PostgresReadingStore implements ReadingStore {
  constructor(private readonly pool: pg.Pool) {}

  async setPosition(scope: Scope, userId: string, position: ReadingPosition): Promise<void> {
    assertScope(scope);
    await this.pool.query(
      `INSERT INTO reading_positions (scope, user_id, doc_id, paragraph, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scope, user_id, doc_id) DO UPDATE SET paragraph = excluded.paragraph, updated_at = excluded.updated_at`,
      [scope, userId, position.docId, position.paragraph, position.updatedAt],
    );
  }

  async position(scope: Scope, userId: string, docId: string): Promise<ReadingPosition | undefined> {
    assertScope(scope);
    const { rows } = await this.pool.query<PositionRow>('SELECT doc_id, paragraph, updated_at FROM reading_positions WHERE scope = $1 AND user_id = $2 AND doc_id = $3', [
      scope, userId, docId,
    ]);
    return rows[0] ? toPosition(rows[0]) : undefined;
  }

  async lastRead(scope: Scope, userId: string): Promise<ReadingPosition | undefined> {
    assertScope(scope);
    // `rowid`: the column the migration gives PostgreSQL in place of SQLite's implicit one (ties in time: the first read first).
    const { rows } = await this.pool.query<PositionRow>(
      'SELECT doc_id, paragraph, updated_at FROM reading_positions WHERE scope = $1 AND user_id = $2 ORDER BY updated_at DESC, rowid DESC LIMIT 1',
      [scope, userId],
    );
    return rows[0] ? toPosition(rows[0]) : undefined;
  }
}
