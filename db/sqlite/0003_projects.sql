-- The project pipeline (招商项目): projects, their target chain nodes, stage history, follow-up activities,
-- leaders' comments and annual signing targets per team. Money in 万元 is NUMERIC, land in 亩.

CREATE TABLE Projects (
    Id INTEGER PRIMARY KEY,
    Code TEXT NOT NULL,
    Title TEXT NOT NULL,
    EnterpriseId INTEGER NOT NULL REFERENCES Enterprises (Id),
    -- lead, contacted, site_visit, negotiation, signed, started, in_production; side states on_hold, lost
    Stage TEXT NOT NULL CHECK (Stage IN ('lead', 'contacted', 'site_visit', 'negotiation', 'signed', 'started', 'in_production', 'on_hold', 'lost')),
    -- referral, expo, agency, fund, resident_office, online, other
    Source TEXT NOT NULL,
    OwnerUserId INTEGER NOT NULL REFERENCES Users (Id),
    -- the owner's team when the project was assigned: visibility is by this team
    TeamId INTEGER NULL REFERENCES Teams (Id),
    Priority INTEGER NOT NULL DEFAULT 2,
    PlannedInvestmentWan NUMERIC NULL,
    LandMu NUMERIC NULL,
    ExpectedOutputWan NUMERIC NULL,
    ExpectedTaxWan NUMERIC NULL,
    -- set once by the first move to signed (or a later stage); later moves never count the signing again
    SignedOn TEXT NULL,
    ContractedInvestmentWan NUMERIC NULL,
    StageReason TEXT NULL,
    Description TEXT NULL,
    LastActivityOn TEXT NULL,
    Version INTEGER NOT NULL DEFAULT 1,
    CreatedByUserId INTEGER NULL REFERENCES Users (Id),
    CreatedAtUtc TEXT NOT NULL,
    UpdatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_Projects_Code UNIQUE (Code)
);
CREATE INDEX IX_Projects_Stage ON Projects (Stage, UpdatedAtUtc);
CREATE INDEX IX_Projects_Owner ON Projects (OwnerUserId, Stage);
CREATE INDEX IX_Projects_Team ON Projects (TeamId, Stage);
CREATE INDEX IX_Projects_EnterpriseId ON Projects (EnterpriseId);
CREATE INDEX IX_Projects_SignedOn ON Projects (SignedOn);
-- The list's default order (latest change first) and the quiet-project (三色预警) lists walk these.
CREATE INDEX IX_Projects_UpdatedAt ON Projects (UpdatedAtUtc, Id);
CREATE INDEX IX_Projects_LastActivity ON Projects (LastActivityOn, Stage);
-- Covers the dashboard's one pass over the visible projects (funnel, signings, sizes, 三色 counts).
CREATE INDEX IX_Projects_Dashboard ON Projects (Stage, OwnerUserId, TeamId, LastActivityOn, PlannedInvestmentWan, SignedOn, ContractedInvestmentWan);

CREATE TABLE ProjectNodes (
    ProjectId INTEGER NOT NULL REFERENCES Projects (Id) ON DELETE CASCADE,
    NodeId INTEGER NOT NULL REFERENCES ChainNodes (Id),
    PRIMARY KEY (ProjectId, NodeId)
);
CREATE INDEX IX_ProjectNodes_NodeId ON ProjectNodes (NodeId, ProjectId);

-- Every stage change: who, when, from what to what and why. FromStage is NULL for the creation.
CREATE TABLE ProjectStageChanges (
    Id INTEGER PRIMARY KEY,
    ProjectId INTEGER NOT NULL REFERENCES Projects (Id) ON DELETE CASCADE,
    FromStage TEXT NULL,
    ToStage TEXT NOT NULL,
    Note TEXT NULL,
    ChangedByUserId INTEGER NULL REFERENCES Users (Id),
    ChangedAtUtc TEXT NOT NULL
);
CREATE INDEX IX_ProjectStageChanges_Project ON ProjectStageChanges (ProjectId, ChangedAtUtc);
CREATE INDEX IX_ProjectStageChanges_ChangedAt ON ProjectStageChanges (ChangedAtUtc);

-- Follow-ups (跟进记录): call, visit, site_inspection, meeting, email.
CREATE TABLE Activities (
    Id INTEGER PRIMARY KEY,
    ProjectId INTEGER NOT NULL REFERENCES Projects (Id) ON DELETE CASCADE,
    Kind TEXT NOT NULL CHECK (Kind IN ('call', 'visit', 'site_inspection', 'meeting', 'email')),
    OccurredOn TEXT NOT NULL,
    Participants TEXT NULL,
    Summary TEXT NOT NULL,
    NextStep TEXT NULL,
    NextStepDueOn TEXT NULL,
    NextStepDoneAtUtc TEXT NULL,
    CreatedByUserId INTEGER NULL REFERENCES Users (Id),
    CreatedAtUtc TEXT NOT NULL
);
CREATE INDEX IX_Activities_Project ON Activities (ProjectId, OccurredOn);
CREATE INDEX IX_Activities_Due ON Activities (NextStepDueOn, NextStepDoneAtUtc);
-- Open next steps only: overdue counts and my-tasks read these, not the whole history.
CREATE INDEX IX_Activities_Open ON Activities (NextStepDueOn, ProjectId) WHERE NextStepDoneAtUtc IS NULL;

-- Leaders' comments on a project.
CREATE TABLE ProjectComments (
    Id INTEGER PRIMARY KEY,
    ProjectId INTEGER NOT NULL REFERENCES Projects (Id) ON DELETE CASCADE,
    Body TEXT NOT NULL,
    AuthorUserId INTEGER NULL REFERENCES Users (Id),
    CreatedAtUtc TEXT NOT NULL
);
CREATE INDEX IX_ProjectComments_Project ON ProjectComments (ProjectId, CreatedAtUtc);

-- Annual signed-investment target per team (万元); TeamId NULL is the whole bureau.
CREATE TABLE TeamTargets (
    Id INTEGER PRIMARY KEY,
    Year INTEGER NOT NULL,
    TeamId INTEGER NULL REFERENCES Teams (Id),
    TargetWan NUMERIC NOT NULL,
    UpdatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_TeamTargets UNIQUE (Year, TeamId)
);
