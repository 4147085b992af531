-- Users, login sessions, login throttling and the audit log.
-- All times are UTC (the programs set time_zone = '+00:00').

CREATE TABLE users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(64) NOT NULL,
  role ENUM('author', 'reviewer', 'admin') NOT NULL,
  password_hash VARCHAR(160) NOT NULL,
  active TINYINT(1) NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL,
  password_changed_at DATETIME NOT NULL,
  UNIQUE KEY users_username (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of the cookie's random id is stored.
CREATE TABLE sessions (
  id_hash BINARY(32) NOT NULL PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  last_seen_at DATETIME NOT NULL,
  ip VARCHAR(45) NOT NULL,
  user_agent VARCHAR(255) NOT NULL DEFAULT '',
  KEY sessions_user (user_id),
  CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Keyed by the name typed, whether or not such a user exists, so the
-- answer never tells an attacker which names are real.
CREATE TABLE login_throttle (
  username VARCHAR(64) NOT NULL PRIMARY KEY,
  failures INT NOT NULL,
  window_start DATETIME NOT NULL,
  locked_until DATETIME NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only and hash-chained; ids are assigned by the application from
-- audit_head so they run 1, 2, 3 … without gaps.
CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  actor_id INT UNSIGNED NULL,
  actor_name VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  object VARCHAR(128) NOT NULL,
  from_state VARCHAR(32) NULL,
  to_state VARCHAR(32) NULL,
  ip VARCHAR(45) NOT NULL,
  detail VARCHAR(1024) NOT NULL,
  prev_hash BINARY(32) NOT NULL,
  hash BINARY(32) NOT NULL,
  KEY audit_at (at),
  KEY audit_object (object)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  last_id BIGINT UNSIGNED NOT NULL,
  last_hash BINARY(32) NOT NULL
) ENGINE=InnoDB;

INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, UNHEX(REPEAT('00', 32)));
