-- E-mail: an outbox written in the same transaction as the decision to send, drained by a sender job with
-- retries; one weekly digest per user and ISO week (a unique key, so a second run or a second node sends
-- nothing new); each user's digest preferences and the chains they follow.

CREATE TABLE OutboxMessages (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_OutboxMessages PRIMARY KEY,
    -- RFC 5322 Message-ID, kept across retries so mail clients drop a duplicate delivery
    MessageId nvarchar(200) NOT NULL,
    -- what this message is for, e.g. digest:2026-W48:user:5; a second enqueue of the same thing is refused
    DedupKey nvarchar(200) NOT NULL,
    ToAddress nvarchar(256) NOT NULL,
    ToName nvarchar(200) NULL,
    Subject nvarchar(400) NOT NULL,
    HtmlBody nvarchar(max) NOT NULL,
    TextBody nvarchar(max) NOT NULL,
    -- pending, sending (claimed until LockedUntilUtc), sent, failed (gave up after the last attempt)
    Status nvarchar(10) NOT NULL CONSTRAINT CK_OutboxMessages_Status CHECK (Status IN (N'pending', N'sending', N'sent', N'failed')),
    Attempts int NOT NULL CONSTRAINT DF_OutboxMessages_Attempts DEFAULT 0,
    NextAttemptAtUtc datetime2 NOT NULL,
    LockedUntilUtc datetime2 NULL,
    LastError nvarchar(2000) NULL,
    CreatedAtUtc datetime2 NOT NULL,
    SentAtUtc datetime2 NULL,
    CONSTRAINT UQ_OutboxMessages_DedupKey UNIQUE (DedupKey),
    CONSTRAINT UQ_OutboxMessages_MessageId UNIQUE (MessageId)
);
CREATE INDEX IX_OutboxMessages_Due ON OutboxMessages (Status, NextAttemptAtUtc);
CREATE INDEX IX_OutboxMessages_CreatedAt ON OutboxMessages (CreatedAtUtc);

CREATE TABLE OutboxAttachments (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_OutboxAttachments PRIMARY KEY,
    OutboxMessageId bigint NOT NULL CONSTRAINT FK_OutboxAttachments_Messages REFERENCES OutboxMessages (Id) ON DELETE CASCADE,
    FileName nvarchar(200) NOT NULL,
    ContentType nvarchar(100) NOT NULL,
    Content varbinary(max) NOT NULL
);
CREATE INDEX IX_OutboxAttachments_Message ON OutboxAttachments (OutboxMessageId);

-- The decision to send user U the digest of ISO week W (e.g. 2026-W48): at most one row, ever.
CREATE TABLE DigestDeliveries (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_DigestDeliveries PRIMARY KEY,
    UserId bigint NOT NULL CONSTRAINT FK_DigestDeliveries_Users REFERENCES Users (Id) ON DELETE CASCADE,
    IsoWeek nvarchar(8) NOT NULL,
    OutboxMessageId bigint NULL CONSTRAINT FK_DigestDeliveries_Outbox REFERENCES OutboxMessages (Id),
    ItemCount int NOT NULL,
    CreatedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_DigestDeliveries_UserWeek UNIQUE (UserId, IsoWeek)
);
CREATE INDEX IX_DigestDeliveries_Week ON DigestDeliveries (IsoWeek);

-- No row means the defaults: digest on, no chain followed (then every chain is covered).
CREATE TABLE UserEmailPreferences (
    UserId bigint NOT NULL CONSTRAINT PK_UserEmailPreferences PRIMARY KEY CONSTRAINT FK_UserEmailPreferences_Users REFERENCES Users (Id) ON DELETE CASCADE,
    DigestEnabled bit NOT NULL CONSTRAINT DF_UserEmailPreferences_DigestEnabled DEFAULT 1,
    UpdatedAtUtc datetime2 NOT NULL
);

CREATE TABLE UserFollowedChains (
    UserId bigint NOT NULL CONSTRAINT FK_UserFollowedChains_Users REFERENCES Users (Id) ON DELETE CASCADE,
    ChainId bigint NOT NULL CONSTRAINT FK_UserFollowedChains_Chains REFERENCES Chains (Id) ON DELETE CASCADE,
    CONSTRAINT PK_UserFollowedChains PRIMARY KEY (UserId, ChainId)
);
CREATE INDEX IX_UserFollowedChains_Chain ON UserFollowedChains (ChainId);

-- The digest's "new projects this week" reads projects by creation time.
CREATE INDEX IX_Projects_CreatedAt ON Projects (CreatedAtUtc);
