-- Records: the register of official accounts, the organisation's
-- settings, and what records retention needs (legal holds).

-- The official accounts register. An account is registered when an
-- administrator approved it for official use (registered_at set), naming
-- who owns it and what it is for. Only registered, active accounts are
-- offered to authors and receive deliveries. registered_by is NULL when
-- the system registered it (this migration, `clearpost account add`).
ALTER TABLE accounts
  ADD COLUMN owner VARCHAR(200) NOT NULL DEFAULT '' AFTER state,
  ADD COLUMN purpose VARCHAR(500) NOT NULL DEFAULT '' AFTER owner,
  ADD COLUMN registered_by INT UNSIGNED NULL AFTER purpose,
  ADD COLUMN registered_at DATETIME NULL AFTER registered_by,
  ADD CONSTRAINT accounts_registered_by_fk FOREIGN KEY (registered_by)
    REFERENCES users (id);

-- Existing installs keep publishing to the built-in Atom feed: it is the
-- organisation's own public feed, registered by the system. Every other
-- existing account waits for an administrator to register it.
UPDATE accounts SET owner = 'Communications',
  purpose = 'public feed of approved posts', registered_at = UTC_TIMESTAMP(),
  updated_at = UTC_TIMESTAMP()
  WHERE platform = 'feed' AND registered_at IS NULL;

-- A legal hold suspends deletion by retention for one post (and all its
-- records: revisions, findings, reviews, publications, deliveries, media).
ALTER TABLE posts
  ADD COLUMN legal_hold TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN legal_hold_reason VARCHAR(300) NULL,
  ADD COLUMN legal_hold_by INT UNSIGNED NULL,
  ADD COLUMN legal_hold_at DATETIME NULL,
  ADD KEY posts_retention (state, updated_at);

-- The organisation's settings, changed by administrators on
-- /admin/settings: one row. A NULL column means "the default from the
-- configuration file" (Site.Name, Session.IdleSeconds, Records.*).
-- version grows with every change; the programs keep a parsed copy and
-- reload it when the version they see differs (one tiny query per
-- request). legal_hold = 1 suspends every deletion by retention.
CREATE TABLE settings (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  version BIGINT UNSIGNED NOT NULL,
  org_name VARCHAR(128) NULL,
  phi_allow_list TEXT NULL,
  idle_minutes SMALLINT UNSIGNED NULL,
  retain_published_days INT UNSIGNED NULL,
  retain_drafts_days INT UNSIGNED NULL,
  legal_hold TINYINT(1) NOT NULL DEFAULT 0,
  legal_hold_reason VARCHAR(300) NULL,
  updated_by INT UNSIGNED NULL,
  updated_at DATETIME NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO settings (id, version) VALUES (1, 1);
