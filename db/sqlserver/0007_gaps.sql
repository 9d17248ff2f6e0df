-- Gap analysis (补链分析): the model's settings, editable by Admins, and snapshots of a chain's result so that
-- reports and digests can say what changed since the previous one (gaps opened, closed or moved).

-- One row (Id = 1) once an Admin has saved the settings; until then the defaults of DESIGN.md apply.
-- Weights of the score's parts and the probability that a project at each stage lands, all between 0 and 1.
-- StrategicIndustryCodes: ';'-separated GB/T 4754 code prefixes counted as strategic/emerging industries.
CREATE TABLE GapSettings (
    Id bigint NOT NULL CONSTRAINT PK_GapSettings PRIMARY KEY,
    WeightDemand decimal(9, 4) NOT NULL,
    WeightSupply decimal(9, 4) NOT NULL,
    WeightKey decimal(9, 4) NOT NULL,
    WeightStrategic decimal(9, 4) NOT NULL,
    ProbabilityLead decimal(9, 4) NOT NULL,
    ProbabilityContacted decimal(9, 4) NOT NULL,
    ProbabilitySiteVisit decimal(9, 4) NOT NULL,
    ProbabilityNegotiation decimal(9, 4) NOT NULL,
    ProbabilitySigned decimal(9, 4) NOT NULL,
    ProbabilityStarted decimal(9, 4) NOT NULL,
    StrategicIndustryCodes nvarchar(1000) NULL,
    Version int NOT NULL CONSTRAINT DF_GapSettings_Version DEFAULT 1,
    UpdatedByUserId bigint NULL CONSTRAINT FK_GapSettings_Users REFERENCES Users (Id),
    UpdatedAtUtc datetime2 NOT NULL
);

-- A chain's gap result at a point in time; TakenBy says who or what took it (a user, report, digest, cli).
CREATE TABLE GapSnapshots (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_GapSnapshots PRIMARY KEY,
    ChainId bigint NOT NULL CONSTRAINT FK_GapSnapshots_Chains REFERENCES Chains (Id) ON DELETE CASCADE,
    TakenAtUtc datetime2 NOT NULL,
    TakenBy nvarchar(256) NOT NULL,
    NodeCount int NOT NULL,
    GapCount int NOT NULL
);
CREATE INDEX IX_GapSnapshots_Chain ON GapSnapshots (ChainId, TakenAtUtc);

-- Per node: its status, rank (NULL when not a gap) and score at the time, by node code (nodes may be deleted later).
CREATE TABLE GapSnapshotNodes (
    SnapshotId bigint NOT NULL CONSTRAINT FK_GapSnapshotNodes_Snapshots REFERENCES GapSnapshots (Id) ON DELETE CASCADE,
    NodeCode nvarchar(32) NOT NULL,
    Status nvarchar(20) NOT NULL,
    GapRank int NULL,
    Score decimal(9, 4) NOT NULL,
    LocalCount int NOT NULL,
    LocalOutputWan decimal(18, 2) NOT NULL,
    DemandWan decimal(18, 2) NOT NULL,
    PipelineCoverage decimal(9, 4) NOT NULL,
    CONSTRAINT PK_GapSnapshotNodes PRIMARY KEY (SnapshotId, NodeCode)
);

-- The gap analyser sums local output per node; for a chain that holds much of the registry it reads the local
-- enterprises in Id order from this index (kind, id, revenue) instead of looking each one up in the table.
CREATE INDEX IX_Enterprises_Kind_Id ON Enterprises (Kind, Id) INCLUDE (AnnualRevenueWan);

-- Active projects per node: the analyser reads projects by stage in Id order from here, without the table.
CREATE INDEX IX_Projects_Stage_Id ON Projects (Stage, Id);
