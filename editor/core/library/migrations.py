"""Ordered schema migrations, each applied together with its record in one transaction.

To change the schema, append a function ``m00N_what(db)`` to ``MIGRATIONS``; never
edit one that has shipped. ``PRAGMA user_version`` holds the number applied, so a
newer library (more migrations than this code knows) is recognised before any write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from editor.core.library.database import APPLICATION_ID, Database, transaction
from editor.core.library.timeutil import utc_now

if TYPE_CHECKING:
    import sqlite_utils


def m001_initial(db: sqlite_utils.Database) -> None:
    db.table("authors").create(
        {"id": int, "name": str, "credentials": str, "job_title": str, "bio": str, "photo_asset_id": int},
        pk="id", not_null={"name"}, defaults={"credentials": "", "job_title": "", "bio": ""},
    )
    db.table("assets").create(
        {"id": int, "sha256": str, "mime": str, "filename": str, "data": bytes, "created_at": str},
        pk="id", not_null={"sha256", "mime", "data"},
    )
    db.table("assets").create_index(["sha256"], unique=True)
    db.table("posts").create(
        {
            "id": int, "slug": str, "title": str, "summary": str, "body": str, "status": str,
            "author_id": int, "reviewer_id": int, "last_reviewed": str, "tags": str, "series": str,
            "series_number": int, "banner": str, "related": str, "citation_display": str,
            "created_at": str, "updated_at": str, "published_at": str, "version": int, "deleted_at": str,
        },
        pk="id",
        not_null={"slug", "title", "status", "version", "created_at", "updated_at"},
        defaults={"summary": "", "body": "", "status": "draft", "tags": "[]", "related": "[]", "version": 1},
        foreign_keys=[("author_id", "authors", "id"), ("reviewer_id", "authors", "id")],
    )
    db.table("posts").create_index(["slug"], unique=True)
    # Covering index: the library list never reads a row's body (which spills onto overflow pages).
    db.table("posts").create_index(["deleted_at", "updated_at", "id", "slug", "title", "status", "tags"],
                             index_name="posts_listing")
    db.table("revisions").create(
        {"id": int, "post_id": int, "version": int, "created_at": str, "updated_at": str,
         "reason": str, "title": str, "body": str, "meta": str},
        pk="id", not_null={"post_id", "version", "created_at", "reason", "title", "body"},
        foreign_keys=[("post_id", "posts", "id")],
    )
    db.table("revisions").create_index(["post_id", "id"])
    db.table("settings").create({"key": str, "value": str}, pk="key")
    db.table("refs").create(
        {"id": int, "citekey": str, "csl": str, "doi": str, "pmid": str, "pmcid": str, "url": str,
         "title_norm": str, "year": int, "incomplete": int, "created_at": str, "updated_at": str},
        pk="id", not_null={"citekey", "csl"}, defaults={"incomplete": 0},
    )
    db.table("refs").create_index(["citekey"], unique=True)
    for column in ("doi", "pmid", "pmcid", "url"):
        db.table("refs").create_index([column])
    db.table("refs").create_index(["title_norm", "year"])
    db.table("ref_aliases").create({"alias": str, "citekey": str}, pk="alias")
    db.table("http_cache").create({"url": str, "status": int, "body": str, "fetched_at": str}, pk="url")
    db.table("dismissed_findings").create(
        {"post_id": int, "fingerprint": str, "created_at": str}, pk=("post_id", "fingerprint"),
    )
    db.table("dictionary_words").create({"word": str}, pk="word")
    # Full-text search: posts through an external-content index kept by triggers;
    # references through a plain index the reference store keeps (its text is derived from JSON).
    db.execute(
        "CREATE VIRTUAL TABLE posts_fts USING fts5(title, summary, body, content='posts', content_rowid='id')"
    )
    db.execute(
        "CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN "
        "INSERT INTO posts_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body); END"
    )
    db.execute(
        "CREATE TRIGGER posts_ad AFTER DELETE ON posts BEGIN "
        "INSERT INTO posts_fts(posts_fts, rowid, title, summary, body) "
        "VALUES ('delete', old.id, old.title, old.summary, old.body); END"
    )
    db.execute(
        "CREATE TRIGGER posts_au AFTER UPDATE OF title, summary, body ON posts BEGIN "
        "INSERT INTO posts_fts(posts_fts, rowid, title, summary, body) "
        "VALUES ('delete', old.id, old.title, old.summary, old.body); "
        "INSERT INTO posts_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body); END"
    )
    db.execute("CREATE VIRTUAL TABLE refs_fts USING fts5(citekey, title, authors, container)")


def m002_dismissal_reasons(db: sqlite_utils.Database) -> None:
    # A dismissal that lets an error through to the website records why, by whom, and what it was,
    # so the post's history can show it after the finding itself is gone.
    for column in ("reason", "dismissed_by", "code", "severity", "message"):
        db.execute(f"ALTER TABLE dismissed_findings ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


def m003_websites(db: sqlite_utils.Database) -> None:
    """WordPress sites and what was published where (passwords live in the OS keyring, never here)."""
    db.table("sites").create(
        {"id": int, "name": str, "url": str, "username": str, "created_at": str},
        pk="id", not_null={"name", "url", "username", "created_at"},
    )
    db.table("sites").create_index(["name"], unique=True)
    db.table("remote_posts").create(
        {"post_id": int, "site_id": int, "remote_id": int, "modified_gmt": str, "content_sha256": str, "status": str,
         "link": str, "published_version": int, "published_at": str, "checked_at": str},
        pk=("post_id", "site_id"), not_null={"remote_id"},
        foreign_keys=[("post_id", "posts", "id"), ("site_id", "sites", "id")],
    )
    db.table("remote_posts").create_index(["site_id", "remote_id"], unique=True)
    db.table("remote_media").create(
        {"site_id": int, "sha256": str, "remote_id": int, "url": str, "uploaded_at": str},
        pk=("site_id", "sha256"), not_null={"remote_id", "url"},
        foreign_keys=[("site_id", "sites", "id")],
    )


def m004_post_show_banner(db: sqlite_utils.Database) -> None:
    """Whether a post's banner is shown on its page: imported banners start hidden."""
    db.table("posts").add_column("show_banner", int, not_null_default=1)


def m005_check_cache(db: sqlite_utils.Database) -> None:
    """Findings of section checks, kept across opens (see ``editor.core.checks.cache``)."""
    db.execute(
        "CREATE TABLE check_cache (key TEXT PRIMARY KEY, start_line INTEGER NOT NULL, findings TEXT NOT NULL,"
        " used_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX idx_check_cache_used_at ON check_cache (used_at)")


def m006_site_links_by_address(db: sqlite_utils.Database) -> None:
    """Sites get a stable id (their keyring entry); what was published where belongs to the site's address.

    Removing a saved site no longer drops its post links: they are keyed by the site's
    normalised address (``publish.site_address``). Existing links and uploaded images move
    over; existing passwords stay where they are until first used (``legacy_secret``:
    ``SiteStore`` then moves each to the site's own keyring entry).
    """
    import uuid

    from editor.core.publish.site_address import site_address

    for column, kind in (("uid", "TEXT NOT NULL DEFAULT ''"), ("address", "TEXT NOT NULL DEFAULT ''"),
                         ("legacy_secret", "INTEGER NOT NULL DEFAULT 0")):
        db.execute(f"ALTER TABLE sites ADD COLUMN {column} {kind}")
    for site_id, url in db.execute("SELECT id, url FROM sites").fetchall():
        db.execute("UPDATE sites SET uid = ?, address = ?, legacy_secret = 1 WHERE id = ?",
                   [uuid.uuid4().hex, site_address(url), site_id])
    db.execute("CREATE UNIQUE INDEX idx_sites_uid ON sites (uid)")
    db.execute("CREATE INDEX idx_sites_address ON sites (address)")
    db.execute(
        "CREATE TABLE remote_posts_by_address (post_id INTEGER NOT NULL REFERENCES posts(id), address TEXT NOT NULL,"
        " remote_id INTEGER NOT NULL, modified_gmt TEXT, content_sha256 TEXT, status TEXT, link TEXT,"
        " published_version INTEGER, published_at TEXT, checked_at TEXT, PRIMARY KEY (post_id, address))")
    # Two saved sites with one address could both link a post: the latest publish wins.
    db.execute(
        "INSERT OR IGNORE INTO remote_posts_by_address SELECT r.post_id, s.address, r.remote_id, r.modified_gmt,"
        " r.content_sha256, r.status, r.link, r.published_version, r.published_at, r.checked_at"
        " FROM remote_posts r JOIN sites s ON s.id = r.site_id ORDER BY r.published_at DESC")
    db.execute("DROP TABLE remote_posts")
    db.execute("ALTER TABLE remote_posts_by_address RENAME TO remote_posts")
    db.execute("CREATE UNIQUE INDEX idx_remote_posts_address_remote_id ON remote_posts (address, remote_id)")
    db.execute(
        "CREATE TABLE remote_media_by_address (address TEXT NOT NULL, sha256 TEXT NOT NULL, remote_id INTEGER NOT NULL,"
        " url TEXT NOT NULL, uploaded_at TEXT, PRIMARY KEY (address, sha256))")
    db.execute(
        "INSERT OR IGNORE INTO remote_media_by_address SELECT s.address, m.sha256, m.remote_id, m.url, m.uploaded_at"
        " FROM remote_media m JOIN sites s ON s.id = m.site_id ORDER BY m.uploaded_at DESC")
    db.execute("DROP TABLE remote_media")
    db.execute("ALTER TABLE remote_media_by_address RENAME TO remote_media")


Migration = Callable[["sqlite_utils.Database"], None]
MIGRATIONS: list[Migration] = [
    m001_initial, m002_dismissal_reasons, m003_websites, m004_post_show_banner, m005_check_cache,
    m006_site_links_by_address,
]


def schema_version() -> int:
    return len(MIGRATIONS)


def pending(applied: set[str]) -> list[Migration]:
    return [m for m in MIGRATIONS if m.__name__ not in applied]


def apply_pending(db: Database) -> list[str]:
    """Apply every migration not yet recorded; each with its record in one transaction.

    An up-to-date library is only read, so opening it never waits for another writer.
    """
    conn = db.conn
    if "migrations" not in db.table_names():
        with transaction(conn):
            db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    applied_names = {row[0] for row in db.execute("SELECT name FROM migrations").fetchall()}
    if not pending(applied_names):
        return []
    import sqlite_utils

    tables = sqlite_utils.Database(conn, execute_plugins=False)
    done = []
    for number, migration in enumerate(MIGRATIONS, start=1):
        if migration.__name__ in applied_names:
            continue
        with transaction(conn):
            migration(tables)
            db.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", [migration.__name__, utc_now()]
            )
            db.execute(f"PRAGMA user_version = {number}")
        done.append(migration.__name__)
    return done
