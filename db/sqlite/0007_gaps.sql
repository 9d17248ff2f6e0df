-- Gap analysis (补链分析): the model's settings, editable by Admins, and snapshots of a chain's result so that
-- reports and digests can say what changed since the previous one (gaps opened, closed or moved).

-- One row (Id = 1) once an Admin has saved the settings; until then the defaults of DESIGN.md apply.
-- Weights of the score's parts and the probability that a project at each stage lands, all between 0 and 1.
-- StrategicIndustryCodes: ';'-separated GB/T 4754 code prefixes counted as strategic/emerging industries.
CREATE TABLE GapSettings (
    Id INTEGER PRIMARY KEY,
    WeightDemand NUMERIC NOT NULL,
    WeightSupply NUMERIC NOT NULL,
    WeightKey NUMERIC NOT NULL,
    WeightStrategic NUMERIC NOT NULL,
    ProbabilityLead NUMERIC NOT NULL,
    ProbabilityContacted NUMERIC NOT NULL,
    ProbabilitySiteVisit NUMERIC NOT NULL,
    ProbabilityNegotiation NUMERIC NOT NULL,
    ProbabilitySigned NUMERIC NOT NULL,
    ProbabilityStarted NUMERIC NOT NULL,
    StrategicIndustryCodes TEXT NULL,
    Version INTEGER NOT NULL DEFAULT 1,
    UpdatedByUserId INTEGER NULL REFERENCES Users (Id),
    UpdatedAtUtc TEXT NOT NULL
);

-- A chain's gap result at a point in time; TakenBy says who or what took it (a user, report, digest, cli).
CREATE TABLE GapSnapshots (
    Id INTEGER PRIMARY KEY,
    ChainId INTEGER NOT NULL REFERENCES Chains (Id) ON DELETE CASCADE,
    TakenAtUtc TEXT NOT NULL,
    TakenBy TEXT NOT NULL,
    NodeCount INTEGER NOT NULL,
    GapCount INTEGER NOT NULL
);
CREATE INDEX IX_GapSnapshots_Chain ON GapSnapshots (ChainId, TakenAtUtc);

-- Per node: its status, rank (NULL when not a gap) and score at the time, by node code (nodes may be deleted later).
CREATE TABLE GapSnapshotNodes (
    SnapshotId INTEGER NOT NULL REFERENCES GapSnapshots (Id) ON DELETE CASCADE,
    NodeCode TEXT NOT NULL,
    Status TEXT NOT NULL,
    GapRank INTEGER NULL,
    Score NUMERIC NOT NULL,
    LocalCount INTEGER NOT NULL,
    LocalOutputWan NUMERIC NOT NULL,
    DemandWan NUMERIC NOT NULL,
    PipelineCoverage NUMERIC NOT NULL,
    PRIMARY KEY (SnapshotId, NodeCode)
);

-- The gap analyser sums local output per node; for a chain that holds much of the registry it reads the local
-- enterprises in Id order from this index (kind, id, revenue) instead of looking each one up in the table.
CREATE INDEX IX_Enterprises_Kind_Id ON Enterprises (Kind, Id, AnnualRevenueWan);

-- Active projects per node: the analyser reads projects by stage in Id order from here, without the table.
CREATE INDEX IX_Projects_Stage_Id ON Projects (Stage, Id);
