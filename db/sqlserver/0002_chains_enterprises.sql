-- Parks (园区), industrial chain maps (产业链图谱) and the enterprise registry (企业库).
-- Money in 万元 is decimal(18, 2); lists of codes are ';'-separated text.

CREATE TABLE Parks (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Parks PRIMARY KEY,
    Name nvarchar(100) NOT NULL,
    District nvarchar(100) NULL,
    AreaMu decimal(18, 2) NULL,
    LeadingIndustries nvarchar(500) NULL,
    CreatedAtUtc datetime2 NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_Parks_Name UNIQUE (Name)
);

CREATE TABLE Chains (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Chains PRIMARY KEY,
    Code nvarchar(32) NOT NULL,
    Name nvarchar(100) NOT NULL,
    NameEn nvarchar(100) NULL,
    Description nvarchar(2000) NULL,
    Version int NOT NULL CONSTRAINT DF_Chains_Version DEFAULT 1,
    CreatedAtUtc datetime2 NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_Chains_Code UNIQUE (Code)
);

CREATE TABLE ChainNodes (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ChainNodes PRIMARY KEY,
    ChainId bigint NOT NULL CONSTRAINT FK_ChainNodes_Chains REFERENCES Chains (Id) ON DELETE CASCADE,
    Code nvarchar(32) NOT NULL,
    Name nvarchar(100) NOT NULL,
    NameEn nvarchar(100) NULL,
    Segment nvarchar(20) NOT NULL CONSTRAINT CK_ChainNodes_Segment CHECK (Segment IN (N'upstream', N'midstream', N'downstream', N'support')),
    ParentId bigint NULL CONSTRAINT FK_ChainNodes_Parent REFERENCES ChainNodes (Id),
    IndustryCodes nvarchar(200) NULL,
    IsKey bit NOT NULL CONSTRAINT DF_ChainNodes_IsKey DEFAULT 0,
    Description nvarchar(2000) NULL,
    SortOrder int NOT NULL CONSTRAINT DF_ChainNodes_SortOrder DEFAULT 0,
    CONSTRAINT UQ_ChainNodes_Code UNIQUE (ChainId, Code)
);
CREATE INDEX IX_ChainNodes_ParentId ON ChainNodes (ParentId);

-- u supplies v; Weight is the share of v's inputs that come from u (NULL: 1 / in-degree of v).
-- The node foreign keys cannot cascade (SQL Server refuses multiple cascade paths); the chain's delete removes edges first.
CREATE TABLE ChainEdges (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ChainEdges PRIMARY KEY,
    ChainId bigint NOT NULL CONSTRAINT FK_ChainEdges_Chains REFERENCES Chains (Id),
    FromNodeId bigint NOT NULL CONSTRAINT FK_ChainEdges_From REFERENCES ChainNodes (Id),
    ToNodeId bigint NOT NULL CONSTRAINT FK_ChainEdges_To REFERENCES ChainNodes (Id),
    Weight decimal(9, 6) NULL,
    CONSTRAINT UQ_ChainEdges UNIQUE (FromNodeId, ToNodeId),
    CONSTRAINT CK_ChainEdges_NoSelfLoop CHECK (FromNodeId <> ToNodeId)
);
CREATE INDEX IX_ChainEdges_ChainId ON ChainEdges (ChainId);
CREATE INDEX IX_ChainEdges_ToNodeId ON ChainEdges (ToNodeId);

CREATE TABLE ParkChains (
    ParkId bigint NOT NULL CONSTRAINT FK_ParkChains_Parks REFERENCES Parks (Id) ON DELETE CASCADE,
    ChainId bigint NOT NULL CONSTRAINT FK_ParkChains_Chains REFERENCES Chains (Id) ON DELETE CASCADE,
    CONSTRAINT PK_ParkChains PRIMARY KEY (ParkId, ChainId)
);
CREATE INDEX IX_ParkChains_ChainId ON ParkChains (ChainId);

CREATE TABLE Enterprises (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Enterprises PRIMARY KEY,
    Uscc char(18) NOT NULL,
    Name nvarchar(200) NOT NULL,
    NameKey nvarchar(200) NOT NULL,
    Kind nvarchar(10) NOT NULL CONSTRAINT CK_Enterprises_Kind CHECK (Kind IN (N'local', N'prospect')),
    Province nvarchar(50) NULL,
    City nvarchar(50) NULL,
    District nvarchar(50) NULL,
    IndustryCode nvarchar(10) NULL,
    RegisteredCapitalWan decimal(18, 2) NULL,
    AnnualRevenueWan decimal(18, 2) NULL,
    Employees int NULL,
    MainProducts nvarchar(1000) NULL,
    Website nvarchar(300) NULL,
    ParkId bigint NULL CONSTRAINT FK_Enterprises_Parks REFERENCES Parks (Id),
    Version int NOT NULL CONSTRAINT DF_Enterprises_Version DEFAULT 1,
    CreatedAtUtc datetime2 NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_Enterprises_Uscc UNIQUE (Uscc)
);
CREATE INDEX IX_Enterprises_NameKey ON Enterprises (NameKey);
CREATE INDEX IX_Enterprises_Kind_Name ON Enterprises (Kind, Name);
CREATE INDEX IX_Enterprises_Region ON Enterprises (Province, City, District);
CREATE INDEX IX_Enterprises_Name ON Enterprises (Name);
CREATE INDEX IX_Enterprises_AnnualRevenue ON Enterprises (AnnualRevenueWan);
CREATE INDEX IX_Enterprises_ParkId ON Enterprises (ParkId);

-- high_tech, srdi, little_giant, single_champion, listed
CREATE TABLE EnterpriseQualifications (
    EnterpriseId bigint NOT NULL CONSTRAINT FK_EnterpriseQualifications_Enterprises REFERENCES Enterprises (Id) ON DELETE CASCADE,
    Qualification nvarchar(20) NOT NULL,
    CONSTRAINT PK_EnterpriseQualifications PRIMARY KEY (EnterpriseId, Qualification)
);
CREATE INDEX IX_EnterpriseQualifications_Qualification ON EnterpriseQualifications (Qualification, EnterpriseId);

CREATE TABLE EnterpriseContacts (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_EnterpriseContacts PRIMARY KEY,
    EnterpriseId bigint NOT NULL CONSTRAINT FK_EnterpriseContacts_Enterprises REFERENCES Enterprises (Id) ON DELETE CASCADE,
    Name nvarchar(100) NOT NULL,
    Title nvarchar(100) NULL,
    Phone nvarchar(50) NULL,
    Email nvarchar(256) NULL,
    IsPrimary bit NOT NULL CONSTRAINT DF_EnterpriseContacts_IsPrimary DEFAULT 0,
    SortOrder int NOT NULL CONSTRAINT DF_EnterpriseContacts_SortOrder DEFAULT 0
);
CREATE INDEX IX_EnterpriseContacts_EnterpriseId ON EnterpriseContacts (EnterpriseId);

-- ChainNodes cannot cascade here too (a second cascade path through Chains); deleting a node clears its mappings first.
CREATE TABLE EnterpriseNodes (
    EnterpriseId bigint NOT NULL CONSTRAINT FK_EnterpriseNodes_Enterprises REFERENCES Enterprises (Id) ON DELETE CASCADE,
    NodeId bigint NOT NULL CONSTRAINT FK_EnterpriseNodes_ChainNodes REFERENCES ChainNodes (Id),
    CONSTRAINT PK_EnterpriseNodes PRIMARY KEY (EnterpriseId, NodeId)
);
CREATE INDEX IX_EnterpriseNodes_NodeId ON EnterpriseNodes (NodeId, EnterpriseId);
