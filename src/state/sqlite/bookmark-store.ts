// Bookmarks (saved answers, passages, reading pages) and reading positions.
import type { Database, Statement } from 'better-sqlite3';
import { BOOKMARK_COLUMNS, toBookmark, toPosition, type BookmarkRow, type PositionRow } from '../rows.js';
import { assertScope, type Scope } from '../scope.js';
import type { Bookmark, BookmarkStore, NewBookmark, ReadingPosition, ReadingStore } from '../types.js';


export class SqliteBookmarkStore implements BookmarkStore {
  private readonly insert: Statement;
  private readonly page: Statement<[string, string, number, number], BookmarkRow>;
  private readonly countStatement: Statement<[string, string], { n: number }>;
  private readonly byId: Statement<[string, string, number], BookmarkRow>;
  private readonly removeStatement: Statement<[string, string, number]>;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO bookmarks (scope, user_id, kind, doc_id, paragraph, title, excerpt, content_hash, note, created_at)
       VALUES (@scope, @userId, @kind, @docId, @paragraph, @title, @excerpt, @contentHash, @note, @createdAt) RETURNING ${BOOKMARK_COLUMNS}`,
    );
    this.page = db.prepare(`SELECT ${BOOKMARK_COLUMNS} FROM bookmarks WHERE scope = ? AND user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`);
    this.countStatement = db.prepare('SELECT COUNT(*) AS n FROM bookmarks WHERE scope = ? AND user_id = ?');
    this.byId = db.prepare(`SELECT ${BOOKMARK_COLUMNS} FROM bookmarks WHERE scope = ? AND user_id = ? AND id = ?`);
    this.removeStatement = db.prepare('DELETE FROM bookmarks WHERE scope = ? AND user_id = ? AND id = ?');
  }

  async add(scope: Scope, bookmark: NewBookmark, now: number): Promise<Bookmark> {
    assertScope(scope);
    const row = this.insert.get({
      scope,
      userId: bookmark.userId,
      kind: bookmark.kind,
      docId: bookmark.docId,
      paragraph: bookmark.paragraph,
      title: bookmark.title,
      excerpt: bookmark.excerpt,
      contentHash: bookmark.contentHash ?? null,
      note: bookmark.note ?? null,
      createdAt: now,
    }) as BookmarkRow;
    return toBookmark(row);
  }

  async list(scope: Scope, userId: string, page: { offset: number; limit: number }): Promise<{ bookmarks: Bookmark[]; total: number }> {
    assertScope(scope);
    const rows = this.page.all(scope, userId, Math.max(1, page.limit), Math.max(0, page.offset));
    return { bookmarks: rows.map(toBookmark), total: this.countStatement.get(scope, userId)?.n ?? 0 };
  }

  async get(scope: Scope, userId: string, id: number): Promise<Bookmark | undefined> {
    assertScope(scope);
    const row = this.byId.get(scope, userId, id);
    return row ? toBookmark(row) : undefined;
  }

  async remove(scope: Scope, userId: string, id: number): Promise<boolean> {
    assertScope(scope);
    return this.removeStatement.run(scope, userId, id).changes === 1;
  }
}


export class SqliteReadingStore implements ReadingStore {
  private readonly upsert: Statement;
  private readonly byDoc: Statement<[string, string, string], PositionRow>;
  private readonly latest: Statement<[string, string], PositionRow>;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO reading_positions (scope, user_id, doc_id, paragraph, updated_at) VALUES (@scope, @userId, @docId, @paragraph, @updatedAt)
       ON CONFLICT (scope, user_id, doc_id) DO UPDATE SET paragraph = excluded.paragraph, updated_at = excluded.updated_at`,
    );
    this.byDoc = db.prepare('SELECT doc_id, paragraph, updated_at FROM reading_positions WHERE scope = ? AND user_id = ? AND doc_id = ?');
    this.latest = db.prepare('SELECT doc_id, paragraph, updated_at FROM reading_positions WHERE scope = ? AND user_id = ? ORDER BY updated_at DESC, rowid DESC LIMIT 1');
  }

  async setPosition(scope: Scope, userId: string, position: ReadingPosition): Promise<void> {
    assertScope(scope);
    this.upsert.run({ scope, userId, docId: position.docId, paragraph: position.paragraph, updatedAt: position.updatedAt });
  }

  async position(scope: Scope, userId: string, docId: string): Promise<ReadingPosition | undefined> {
    assertScope(scope);
    const row = this.byDoc.get(scope, userId, docId);
    return row ? toPosition(row) : undefined;
  }

  async lastRead(scope: Scope, userId: string): Promise<ReadingPosition | undefined> {
    assertScope(scope);
    const row = this.latest.get(scope, userId);
    return row ? toPosition(row) : undefined;
  }
}
