-- E-mail: an outbox written in the same transaction as the decision to send, drained by a sender job with
-- retries; one weekly digest per user and ISO week (a unique key, so a second run or a second node sends
-- nothing new); each user's digest preferences and the chains they follow.

CREATE TABLE OutboxMessages (
    Id INTEGER PRIMARY KEY,
    -- RFC 5322 Message-ID, kept across retries so mail clients drop a duplicate delivery
    MessageId TEXT NOT NULL,
    -- what this message is for, e.g. digest:2026-W48:user:5; a second enqueue of the same thing is refused
    DedupKey TEXT NOT NULL,
    ToAddress TEXT NOT NULL,
    ToName TEXT NULL,
    Subject TEXT NOT NULL,
    HtmlBody TEXT NOT NULL,
    TextBody TEXT NOT NULL,
    -- pending, sending (claimed until LockedUntilUtc), sent, failed (gave up after the last attempt)
    Status TEXT NOT NULL CHECK (Status IN ('pending', 'sending', 'sent', 'failed')),
    Attempts INTEGER NOT NULL DEFAULT 0,
    NextAttemptAtUtc TEXT NOT NULL,
    LockedUntilUtc TEXT NULL,
    LastError TEXT NULL,
    CreatedAtUtc TEXT NOT NULL,
    SentAtUtc TEXT NULL,
    CONSTRAINT UQ_OutboxMessages_DedupKey UNIQUE (DedupKey),
    CONSTRAINT UQ_OutboxMessages_MessageId UNIQUE (MessageId)
);
CREATE INDEX IX_OutboxMessages_Due ON OutboxMessages (Status, NextAttemptAtUtc);
CREATE INDEX IX_OutboxMessages_CreatedAt ON OutboxMessages (CreatedAtUtc);

CREATE TABLE OutboxAttachments (
    Id INTEGER PRIMARY KEY,
    OutboxMessageId INTEGER NOT NULL REFERENCES OutboxMessages (Id) ON DELETE CASCADE,
    FileName TEXT NOT NULL,
    ContentType TEXT NOT NULL,
    Content BLOB NOT NULL
);
CREATE INDEX IX_OutboxAttachments_Message ON OutboxAttachments (OutboxMessageId);

-- The decision to send user U the digest of ISO week W (e.g. 2026-W48): at most one row, ever.
CREATE TABLE DigestDeliveries (
    Id INTEGER PRIMARY KEY,
    UserId INTEGER NOT NULL REFERENCES Users (Id) ON DELETE CASCADE,
    IsoWeek TEXT NOT NULL,
    OutboxMessageId INTEGER NULL REFERENCES OutboxMessages (Id),
    ItemCount INTEGER NOT NULL,
    CreatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_DigestDeliveries_UserWeek UNIQUE (UserId, IsoWeek)
);
CREATE INDEX IX_DigestDeliveries_Week ON DigestDeliveries (IsoWeek);

-- No row means the defaults: digest on, no chain followed (then every chain is covered).
CREATE TABLE UserEmailPreferences (
    UserId INTEGER NOT NULL PRIMARY KEY REFERENCES Users (Id) ON DELETE CASCADE,
    DigestEnabled INTEGER NOT NULL DEFAULT 1,
    UpdatedAtUtc TEXT NOT NULL
);

CREATE TABLE UserFollowedChains (
    UserId INTEGER NOT NULL REFERENCES Users (Id) ON DELETE CASCADE,
    ChainId INTEGER NOT NULL REFERENCES Chains (Id) ON DELETE CASCADE,
    PRIMARY KEY (UserId, ChainId)
);
CREATE INDEX IX_UserFollowedChains_Chain ON UserFollowedChains (ChainId);

-- The digest's "new projects this week" reads projects by creation time.
CREATE INDEX IX_Projects_CreatedAt ON Projects (CreatedAtUtc);
