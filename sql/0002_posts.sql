-- Posts, their revisions and findings, review decisions, target accounts.
-- A post's life: draft -> in_review -> approved (or rejected -> draft);
-- any state before publishing -> withdrawn; in_review past its schedule ->
-- expired. version counts saves; every save keeps a revision.

CREATE TABLE accounts (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  platform ENUM('mastodon', 'bluesky', 'x', 'facebook', 'linkedin', 'webhook', 'feed') NOT NULL,
  name VARCHAR(100) NOT NULL,
  handle VARCHAR(200) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL,
  UNIQUE KEY accounts_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Two demo targets until publishing lands: the built-in Atom feed and a
-- Mastodon account (not connected to anything yet).
INSERT INTO accounts (platform, name, handle, created_at) VALUES
  ('feed', 'Public Atom feed', '/feed.atom', UTC_TIMESTAMP()),
  ('mastodon', 'Mastodon (demo)', '@clearpost@example.social', UTC_TIMESTAMP());

CREATE TABLE posts (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id INT UNSIGNED NOT NULL,
  last_editor_id INT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  targets VARCHAR(255) NOT NULL DEFAULT '',
  state ENUM('draft', 'in_review', 'approved', 'rejected', 'withdrawn', 'expired',
             'publishing', 'published', 'failed') NOT NULL DEFAULT 'draft',
  version INT UNSIGNED NOT NULL DEFAULT 1,
  scheduled_at DATETIME NULL,
  submitted_at DATETIME NULL,
  reviewed_version INT UNSIGNED NULL,
  reject_reason VARCHAR(1000) NULL,
  approved_version INT UNSIGNED NULL,
  approved_sha256 BINARY(32) NULL,
  approved_by INT UNSIGNED NULL,
  approved_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  KEY posts_author_state (author_id, state, updated_at),
  KEY posts_state (state, submitted_at),
  CONSTRAINT posts_author_fk FOREIGN KEY (author_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE post_revisions (
  post_id INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  editor_id INT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  targets VARCHAR(255) NOT NULL,
  scheduled_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (post_id, version),
  CONSTRAINT revisions_post_fk FOREIGN KEY (post_id) REFERENCES posts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Findings per version as spans and rule names, never the matched text.
CREATE TABLE phi_findings (
  post_id INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  idx SMALLINT UNSIGNED NOT NULL,
  start_byte INT UNSIGNED NOT NULL,
  end_byte INT UNSIGNED NOT NULL,
  category VARCHAR(16) NOT NULL,
  severity ENUM('block', 'review') NOT NULL,
  rule VARCHAR(40) NOT NULL,
  override_reason VARCHAR(300) NULL,
  PRIMARY KEY (post_id, version, idx),
  CONSTRAINT findings_post_fk FOREIGN KEY (post_id) REFERENCES posts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reviews (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id INT UNSIGNED NOT NULL,
  version INT UNSIGNED NOT NULL,
  reviewer_id INT UNSIGNED NOT NULL,
  decision ENUM('approve', 'reject') NOT NULL,
  reason VARCHAR(1000) NOT NULL DEFAULT '',
  content_sha256 BINARY(32) NOT NULL,
  created_at DATETIME NOT NULL,
  KEY reviews_post (post_id),
  KEY reviews_reviewer (reviewer_id, created_at),
  CONSTRAINT reviews_post_fk FOREIGN KEY (post_id) REFERENCES posts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
