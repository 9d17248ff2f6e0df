-- The monthly dispatch report (月度调度报告) is a third kind of stored document. SQLite cannot change a CHECK
-- constraint in place: both document tables are rebuilt with the wider list, rows, keys and indexes kept.

CREATE TABLE DocumentRequests_0023 (
    Id INTEGER PRIMARY KEY,
    RequestKey TEXT NOT NULL,
    -- brief, chain_gap, dispatch
    Kind TEXT NOT NULL CHECK (Kind IN ('brief', 'chain_gap', 'dispatch')),
    -- the project code for a brief, the chain code for a chain-gap report, yyyy-MM for a dispatch report
    Subject TEXT NOT NULL,
    Culture TEXT NOT NULL,
    RequestedByUserId INTEGER NULL REFERENCES Users (Id),
    -- user, stage:site_visit, stage:negotiation, schedule, cli
    TriggeredBy TEXT NOT NULL,
    RequestedAtUtc TEXT NOT NULL,
    -- queued, done, failed
    Status TEXT NOT NULL CHECK (Status IN ('queued', 'done', 'failed')),
    Error TEXT NULL,
    CONSTRAINT UQ_DocumentRequests_Key UNIQUE (RequestKey)
);
INSERT INTO DocumentRequests_0023 (Id, RequestKey, Kind, Subject, Culture, RequestedByUserId, TriggeredBy, RequestedAtUtc, Status, Error)
SELECT Id, RequestKey, Kind, Subject, Culture, RequestedByUserId, TriggeredBy, RequestedAtUtc, Status, Error FROM DocumentRequests;
DROP TABLE DocumentRequests;
ALTER TABLE DocumentRequests_0023 RENAME TO DocumentRequests;
CREATE INDEX IX_DocumentRequests_Subject ON DocumentRequests (Kind, Subject, RequestedAtUtc);

CREATE TABLE Documents_0023 (
    Id INTEGER PRIMARY KEY,
    RequestKey TEXT NOT NULL,
    Kind TEXT NOT NULL CHECK (Kind IN ('brief', 'chain_gap', 'dispatch')),
    Subject TEXT NOT NULL,
    Culture TEXT NOT NULL,
    Title TEXT NOT NULL,
    FileName TEXT NOT NULL,
    Content BLOB NOT NULL,
    SizeBytes INTEGER NOT NULL,
    PageCount INTEGER NULL,
    RenderMs INTEGER NULL,
    GeneratedAtUtc TEXT NOT NULL,
    GeneratedByUserId INTEGER NULL REFERENCES Users (Id),
    TriggeredBy TEXT NOT NULL,
    CONSTRAINT UQ_Documents_RequestKey UNIQUE (RequestKey)
);
INSERT INTO Documents_0023 (Id, RequestKey, Kind, Subject, Culture, Title, FileName, Content, SizeBytes, PageCount, RenderMs,
    GeneratedAtUtc, GeneratedByUserId, TriggeredBy)
SELECT Id, RequestKey, Kind, Subject, Culture, Title, FileName, Content, SizeBytes, PageCount, RenderMs,
    GeneratedAtUtc, GeneratedByUserId, TriggeredBy FROM Documents;
DROP TABLE Documents;
ALTER TABLE Documents_0023 RENAME TO Documents;
CREATE INDEX IX_Documents_Subject ON Documents (Kind, Subject, GeneratedAtUtc);
CREATE INDEX IX_Documents_GeneratedAt ON Documents (GeneratedAtUtc);
