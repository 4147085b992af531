-- Publishing: connected accounts with encrypted credentials, one delivery
-- per (approved post, target account), and the published record kept
-- unchanged whatever happens to the draft afterwards.

-- settings: non-secret JSON (instance URL, handle, page id, org URN, URL).
-- credentials: AES-256-GCM blob (see crypto_seal), bound to "account:<id>";
-- never shown again, never sent to the browser.
-- state: active | disabled (by an admin) | reauth (the platform refused the
-- credentials; an admin must reconnect).
ALTER TABLE accounts
  ADD COLUMN settings TEXT NOT NULL DEFAULT '{}' AFTER handle,
  ADD COLUMN credentials VARBINARY(8192) NULL AFTER settings,
  ADD COLUMN state ENUM('active', 'disabled', 'reauth') NOT NULL DEFAULT 'active' AFTER credentials,
  ADD COLUMN last_test_at DATETIME NULL,
  ADD COLUMN last_test_ok TINYINT(1) NULL,
  ADD COLUMN last_test_detail VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN updated_at DATETIME NULL;

-- The placeholder Mastodon account of 0002 was never connected: retire it
-- so nobody schedules a post to nowhere. Real accounts are added by admins.
UPDATE accounts SET active = 0, state = 'disabled', updated_at = UTC_TIMESTAMP()
  WHERE platform = 'mastodon' AND name = 'Mastodon (demo)' AND credentials IS NULL;

-- The organisation's record of what was approved for publication: written
-- once, when the approval creates the deliveries; never updated.
CREATE TABLE publications (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  media_id INT UNSIGNED NULL,
  alt_text VARCHAR(1000) NOT NULL DEFAULT '',
  targets VARCHAR(255) NOT NULL,
  content_sha256 BINARY(32) NOT NULL,
  author_id INT UNSIGNED NOT NULL,
  approved_by INT UNSIGNED NOT NULL,
  approved_at DATETIME NOT NULL,
  scheduled_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  first_published_at DATETIME NULL,
  UNIQUE KEY publications_post_version (post_id, version),
  CONSTRAINT publications_post_fk FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT publications_media_fk FOREIGN KEY (media_id) REFERENCES media (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One delivery per (publication, account).
-- state: queued -> sending -> published
--                          -> retrying (next_attempt_at) -> sending ...
--                          -> failed (permanent, re-auth, or attempts used up)
--                          -> unconfirmed (outcome unknown, a person decides)
--        queued/retrying/failed/unconfirmed -> cancelled (edit, withdraw, admin)
-- A row in "sending" whose lease has expired belongs to a dead publisher:
-- the next one reconciles before it sends anything.
-- idempotency_key is fixed here at creation and used on every attempt.
-- connector_state: per-platform state fixed before the first send (the
-- Bluesky record key and record).
CREATE TABLE deliveries (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  publication_id INT UNSIGNED NOT NULL,
  post_id INT UNSIGNED NOT NULL,
  account_id INT UNSIGNED NOT NULL,
  state ENUM('queued', 'sending', 'retrying', 'published', 'failed',
             'unconfirmed', 'cancelled') NOT NULL DEFAULT 'queued',
  due_at DATETIME(3) NOT NULL,
  next_attempt_at DATETIME(3) NOT NULL,
  attempts SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  lease_owner VARCHAR(80) NULL,
  lease_until DATETIME(3) NULL,
  first_sent_at DATETIME(3) NULL,
  idempotency_key CHAR(36) NOT NULL,
  connector_state TEXT NOT NULL DEFAULT '',
  remote_id VARCHAR(255) NULL,
  remote_url VARCHAR(512) NULL,
  last_error_class VARCHAR(16) NULL,
  last_error VARCHAR(200) NULL,
  last_status SMALLINT UNSIGNED NULL,
  published_at DATETIME(3) NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME(3) NOT NULL,
  UNIQUE KEY deliveries_once (publication_id, account_id),
  UNIQUE KEY deliveries_key (idempotency_key),
  KEY deliveries_due (state, next_attempt_at),
  KEY deliveries_lease (state, lease_until),
  KEY deliveries_post (post_id),
  CONSTRAINT deliveries_publication_fk FOREIGN KEY (publication_id) REFERENCES publications (id),
  CONSTRAINT deliveries_post_fk FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT deliveries_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
