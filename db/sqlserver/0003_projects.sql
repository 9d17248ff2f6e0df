-- The project pipeline (招商项目): projects, their target chain nodes, stage history, follow-up activities,
-- leaders' comments and annual signing targets per team. Money in 万元 is decimal(18, 2), land in 亩.

CREATE TABLE Projects (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Projects PRIMARY KEY,
    Code nvarchar(40) NOT NULL,
    Title nvarchar(200) NOT NULL,
    EnterpriseId bigint NOT NULL CONSTRAINT FK_Projects_Enterprises REFERENCES Enterprises (Id),
    -- lead, contacted, site_visit, negotiation, signed, started, in_production; side states on_hold, lost
    Stage nvarchar(20) NOT NULL CONSTRAINT CK_Projects_Stage CHECK (Stage IN (N'lead', N'contacted', N'site_visit', N'negotiation', N'signed', N'started', N'in_production', N'on_hold', N'lost')),
    -- referral, expo, agency, fund, resident_office, online, other
    Source nvarchar(20) NOT NULL,
    OwnerUserId bigint NOT NULL CONSTRAINT FK_Projects_Owner REFERENCES Users (Id),
    -- the owner's team when the project was assigned: visibility is by this team
    TeamId bigint NULL CONSTRAINT FK_Projects_Teams REFERENCES Teams (Id),
    Priority int NOT NULL CONSTRAINT DF_Projects_Priority DEFAULT 2,
    PlannedInvestmentWan decimal(18, 2) NULL,
    LandMu decimal(18, 2) NULL,
    ExpectedOutputWan decimal(18, 2) NULL,
    ExpectedTaxWan decimal(18, 2) NULL,
    -- set once by the first move to signed (or a later stage); later moves never count the signing again
    SignedOn date NULL,
    ContractedInvestmentWan decimal(18, 2) NULL,
    StageReason nvarchar(1000) NULL,
    Description nvarchar(4000) NULL,
    LastActivityOn date NULL,
    Version int NOT NULL CONSTRAINT DF_Projects_Version DEFAULT 1,
    CreatedByUserId bigint NULL CONSTRAINT FK_Projects_CreatedBy REFERENCES Users (Id),
    CreatedAtUtc datetime2 NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL,
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
    ProjectId bigint NOT NULL CONSTRAINT FK_ProjectNodes_Projects REFERENCES Projects (Id) ON DELETE CASCADE,
    NodeId bigint NOT NULL CONSTRAINT FK_ProjectNodes_ChainNodes REFERENCES ChainNodes (Id),
    CONSTRAINT PK_ProjectNodes PRIMARY KEY (ProjectId, NodeId)
);
CREATE INDEX IX_ProjectNodes_NodeId ON ProjectNodes (NodeId, ProjectId);

-- Every stage change: who, when, from what to what and why. FromStage is NULL for the creation.
CREATE TABLE ProjectStageChanges (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ProjectStageChanges PRIMARY KEY,
    ProjectId bigint NOT NULL CONSTRAINT FK_ProjectStageChanges_Projects REFERENCES Projects (Id) ON DELETE CASCADE,
    FromStage nvarchar(20) NULL,
    ToStage nvarchar(20) NOT NULL,
    Note nvarchar(1000) NULL,
    ChangedByUserId bigint NULL CONSTRAINT FK_ProjectStageChanges_Users REFERENCES Users (Id),
    ChangedAtUtc datetime2 NOT NULL
);
CREATE INDEX IX_ProjectStageChanges_Project ON ProjectStageChanges (ProjectId, ChangedAtUtc);
CREATE INDEX IX_ProjectStageChanges_ChangedAt ON ProjectStageChanges (ChangedAtUtc);

-- Follow-ups (跟进记录): call, visit, site_inspection, meeting, email.
CREATE TABLE Activities (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Activities PRIMARY KEY,
    ProjectId bigint NOT NULL CONSTRAINT FK_Activities_Projects REFERENCES Projects (Id) ON DELETE CASCADE,
    Kind nvarchar(20) NOT NULL CONSTRAINT CK_Activities_Kind CHECK (Kind IN (N'call', N'visit', N'site_inspection', N'meeting', N'email')),
    OccurredOn date NOT NULL,
    Participants nvarchar(500) NULL,
    Summary nvarchar(4000) NOT NULL,
    NextStep nvarchar(1000) NULL,
    NextStepDueOn date NULL,
    NextStepDoneAtUtc datetime2 NULL,
    CreatedByUserId bigint NULL CONSTRAINT FK_Activities_Users REFERENCES Users (Id),
    CreatedAtUtc datetime2 NOT NULL
);
CREATE INDEX IX_Activities_Project ON Activities (ProjectId, OccurredOn);
CREATE INDEX IX_Activities_Due ON Activities (NextStepDueOn, NextStepDoneAtUtc);
-- Open next steps only: overdue counts and my-tasks read these, not the whole history.
CREATE INDEX IX_Activities_Open ON Activities (NextStepDueOn, ProjectId) WHERE NextStepDoneAtUtc IS NULL;

-- Leaders' comments on a project.
CREATE TABLE ProjectComments (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ProjectComments PRIMARY KEY,
    ProjectId bigint NOT NULL CONSTRAINT FK_ProjectComments_Projects REFERENCES Projects (Id) ON DELETE CASCADE,
    Body nvarchar(4000) NOT NULL,
    AuthorUserId bigint NULL CONSTRAINT FK_ProjectComments_Users REFERENCES Users (Id),
    CreatedAtUtc datetime2 NOT NULL
);
CREATE INDEX IX_ProjectComments_Project ON ProjectComments (ProjectId, CreatedAtUtc);

-- Annual signed-investment target per team (万元); TeamId NULL is the whole bureau.
CREATE TABLE TeamTargets (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_TeamTargets PRIMARY KEY,
    Year int NOT NULL,
    TeamId bigint NULL CONSTRAINT FK_TeamTargets_Teams REFERENCES Teams (Id),
    TargetWan decimal(18, 2) NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_TeamTargets UNIQUE (Year, TeamId)
);
