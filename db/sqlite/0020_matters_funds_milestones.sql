-- How a bureau runs its projects month to month: coordination matters (协调事项) chased with departments,
-- the ledger of funds actually in place (到位资金) with a yearly target beside the signing target, and the
-- milestone dates of the first move to started and to in production (kept once, like SignedOn).

-- What blocks a project, who must solve it, by when. Status: open, in_progress, resolved (with resolution and date).
CREATE TABLE CoordinationMatters (
    Id INTEGER PRIMARY KEY,
    ProjectId INTEGER NOT NULL REFERENCES Projects (Id) ON DELETE CASCADE,
    -- land, approvals, power, water, financing, other
    Category TEXT NOT NULL CHECK (Category IN ('land', 'approvals', 'power', 'water', 'financing', 'other')),
    Description TEXT NOT NULL,
    Department TEXT NULL,
    ResponsiblePerson TEXT NULL,
    DueOn TEXT NULL,
    Status TEXT NOT NULL CHECK (Status IN ('open', 'in_progress', 'resolved')),
    Resolution TEXT NULL,
    ResolvedOn TEXT NULL,
    RaisedByUserId INTEGER NULL REFERENCES Users (Id),
    RaisedAtUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1,
    UpdatedAtUtc TEXT NOT NULL
);
CREATE INDEX IX_CoordinationMatters_Project ON CoordinationMatters (ProjectId, Status, DueOn);
-- Overdue matters (三色预警, the list's overdue filter, the digest) read open ones by deadline.
CREATE INDEX IX_CoordinationMatters_Due ON CoordinationMatters (Status, DueOn, ProjectId);
CREATE INDEX IX_CoordinationMatters_Department ON CoordinationMatters (Department, Status);

-- Funds in place: money actually invested, in 万元; foreign funds may also carry the US-dollar amount.
CREATE TABLE FundsInPlace (
    Id INTEGER PRIMARY KEY,
    ProjectId INTEGER NOT NULL REFERENCES Projects (Id) ON DELETE CASCADE,
    ReceivedOn TEXT NOT NULL,
    AmountWan NUMERIC NOT NULL,
    -- domestic or foreign
    Kind TEXT NOT NULL CHECK (Kind IN ('domestic', 'foreign')),
    AmountUsd NUMERIC NULL,
    Note TEXT NULL,
    CreatedByUserId INTEGER NULL REFERENCES Users (Id),
    CreatedAtUtc TEXT NOT NULL,
    UpdatedAtUtc TEXT NOT NULL
);
CREATE INDEX IX_FundsInPlace_Project ON FundsInPlace (ProjectId, ReceivedOn);
CREATE INDEX IX_FundsInPlace_ReceivedOn ON FundsInPlace (ReceivedOn, ProjectId, AmountWan);

-- The year's funds-in-place target beside the signing target (NULL: none set).
ALTER TABLE TeamTargets ADD COLUMN FundsTargetWan NUMERIC NULL;

-- Set once by the first move to started / in production (or a later stage), like SignedOn.
ALTER TABLE Projects ADD COLUMN StartedOn TEXT NULL;
ALTER TABLE Projects ADD COLUMN InProductionOn TEXT NULL;

-- The dashboard's cached figures count overdue matters (三色预警): a write to a matter must invalidate them
-- (DataVersions, migration 0017).
INSERT INTO DataVersions (Name, Version) VALUES ('CoordinationMatters', 0);
CREATE TRIGGER TR_CoordinationMatters_Insert_DataVersion AFTER INSERT ON CoordinationMatters BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'CoordinationMatters'; END;
CREATE TRIGGER TR_CoordinationMatters_Update_DataVersion AFTER UPDATE ON CoordinationMatters BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'CoordinationMatters'; END;
CREATE TRIGGER TR_CoordinationMatters_Delete_DataVersion AFTER DELETE ON CoordinationMatters BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'CoordinationMatters'; END;
