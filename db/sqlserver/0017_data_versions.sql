-- Data versions: one counter per table that a cached figure is computed from (the gap analysis of a chain, the
-- dashboard's aggregates per project scope, the enterprise list's filter choices). A trigger bumps a table's
-- counter in the same transaction as every insert, update or delete on it, whatever code runs the statement
-- (pages, imports, the command line, seeders), so a cache that keeps the counters it was computed at, and reads
-- them again before each use, can never serve a result from before a committed write
-- (Infrastructure/Data/DataVersions.cs says how they are read). Counters only grow, so the sum of a set of them
-- changes with every write to any of those tables.

CREATE TABLE DataVersions (
    Name nvarchar(64) NOT NULL CONSTRAINT PK_DataVersions PRIMARY KEY,
    Version bigint NOT NULL CONSTRAINT DF_DataVersions_Version DEFAULT 0
);

INSERT INTO DataVersions (Name, Version) VALUES
    ('Chains', 0),
    ('ChainNodes', 0),
    ('ChainEdges', 0),
    ('Parks', 0),
    ('Enterprises', 0),
    ('EnterpriseNodes', 0),
    ('Projects', 0),
    ('ProjectNodes', 0),
    ('ProjectStageChanges', 0),
    ('Activities', 0),
    ('ProjectComments', 0),
    ('TeamTargets', 0),
    ('Users', 0),
    ('GapSettings', 0);
GO

-- One trigger per table for all three events (once per statement); NOCOUNT keeps the statement's own row count
-- the only one its caller sees (optimistic-concurrency checks count the rows written).
CREATE TRIGGER TR_Chains_DataVersion ON Chains AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'Chains';
END
GO
CREATE TRIGGER TR_ChainNodes_DataVersion ON ChainNodes AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'ChainNodes';
END
GO
CREATE TRIGGER TR_ChainEdges_DataVersion ON ChainEdges AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'ChainEdges';
END
GO
CREATE TRIGGER TR_Parks_DataVersion ON Parks AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'Parks';
END
GO
CREATE TRIGGER TR_Enterprises_DataVersion ON Enterprises AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'Enterprises';
END
GO
CREATE TRIGGER TR_EnterpriseNodes_DataVersion ON EnterpriseNodes AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'EnterpriseNodes';
END
GO
CREATE TRIGGER TR_Projects_DataVersion ON Projects AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'Projects';
END
GO
CREATE TRIGGER TR_ProjectNodes_DataVersion ON ProjectNodes AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'ProjectNodes';
END
GO
CREATE TRIGGER TR_ProjectStageChanges_DataVersion ON ProjectStageChanges AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'ProjectStageChanges';
END
GO
CREATE TRIGGER TR_Activities_DataVersion ON Activities AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'Activities';
END
GO
CREATE TRIGGER TR_ProjectComments_DataVersion ON ProjectComments AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'ProjectComments';
END
GO
CREATE TRIGGER TR_TeamTargets_DataVersion ON TeamTargets AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'TeamTargets';
END
GO
CREATE TRIGGER TR_Users_DataVersion ON Users AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'Users';
END
GO
CREATE TRIGGER TR_GapSettings_DataVersion ON GapSettings AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'GapSettings';
END
GO
