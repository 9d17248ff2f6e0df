-- How a bureau runs its projects month to month: coordination matters (协调事项) chased with departments,
-- the ledger of funds actually in place (到位资金) with a yearly target beside the signing target, and the
-- milestone dates of the first move to started and to in production (kept once, like SignedOn).

-- What blocks a project, who must solve it, by when. Status: open, in_progress, resolved (with resolution and date).
CREATE TABLE CoordinationMatters (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_CoordinationMatters PRIMARY KEY,
    ProjectId bigint NOT NULL CONSTRAINT FK_CoordinationMatters_Projects REFERENCES Projects (Id) ON DELETE CASCADE,
    -- land, approvals, power, water, financing, other
    Category nvarchar(20) NOT NULL CONSTRAINT CK_CoordinationMatters_Category CHECK (Category IN (N'land', N'approvals', N'power', N'water', N'financing', N'other')),
    Description nvarchar(2000) NOT NULL,
    Department nvarchar(100) NULL,
    ResponsiblePerson nvarchar(100) NULL,
    DueOn date NULL,
    Status nvarchar(20) NOT NULL CONSTRAINT CK_CoordinationMatters_Status CHECK (Status IN (N'open', N'in_progress', N'resolved')),
    Resolution nvarchar(2000) NULL,
    ResolvedOn date NULL,
    RaisedByUserId bigint NULL CONSTRAINT FK_CoordinationMatters_RaisedBy REFERENCES Users (Id),
    RaisedAtUtc datetime2 NOT NULL,
    Version int NOT NULL CONSTRAINT DF_CoordinationMatters_Version DEFAULT 1,
    UpdatedAtUtc datetime2 NOT NULL
);
CREATE INDEX IX_CoordinationMatters_Project ON CoordinationMatters (ProjectId, Status, DueOn);
-- Overdue matters (三色预警, the list's overdue filter, the digest) read open ones by deadline.
CREATE INDEX IX_CoordinationMatters_Due ON CoordinationMatters (Status, DueOn, ProjectId);
CREATE INDEX IX_CoordinationMatters_Department ON CoordinationMatters (Department, Status);

-- Funds in place: money actually invested, in 万元; foreign funds may also carry the US-dollar amount.
CREATE TABLE FundsInPlace (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_FundsInPlace PRIMARY KEY,
    ProjectId bigint NOT NULL CONSTRAINT FK_FundsInPlace_Projects REFERENCES Projects (Id) ON DELETE CASCADE,
    ReceivedOn date NOT NULL,
    AmountWan decimal(18, 2) NOT NULL,
    -- domestic or foreign
    Kind nvarchar(20) NOT NULL CONSTRAINT CK_FundsInPlace_Kind CHECK (Kind IN (N'domestic', N'foreign')),
    AmountUsd decimal(18, 2) NULL,
    Note nvarchar(1000) NULL,
    CreatedByUserId bigint NULL CONSTRAINT FK_FundsInPlace_CreatedBy REFERENCES Users (Id),
    CreatedAtUtc datetime2 NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL
);
CREATE INDEX IX_FundsInPlace_Project ON FundsInPlace (ProjectId, ReceivedOn);
CREATE INDEX IX_FundsInPlace_ReceivedOn ON FundsInPlace (ReceivedOn, ProjectId, AmountWan);

-- The year's funds-in-place target beside the signing target (NULL: none set).
ALTER TABLE TeamTargets ADD FundsTargetWan decimal(18, 2) NULL;

-- Set once by the first move to started / in production (or a later stage), like SignedOn.
ALTER TABLE Projects ADD StartedOn date NULL, InProductionOn date NULL;

-- The dashboard's cached figures count overdue matters (三色预警): a write to a matter must invalidate them
-- (DataVersions, migration 0017).
INSERT INTO DataVersions (Name, Version) VALUES (N'CoordinationMatters', 0);
GO
CREATE TRIGGER TR_CoordinationMatters_DataVersion ON CoordinationMatters AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'CoordinationMatters';
END
GO
