-- Parks (园区), industrial chain maps (产业链图谱) and the enterprise registry (企业库).
-- Money in 万元 is NUMERIC; lists of codes are ';'-separated text.

CREATE TABLE Parks (
    Id INTEGER PRIMARY KEY,
    Name TEXT NOT NULL,
    District TEXT NULL,
    AreaMu NUMERIC NULL,
    LeadingIndustries TEXT NULL,
    CreatedAtUtc TEXT NOT NULL,
    UpdatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_Parks_Name UNIQUE (Name)
);

CREATE TABLE Chains (
    Id INTEGER PRIMARY KEY,
    Code TEXT NOT NULL,
    Name TEXT NOT NULL,
    NameEn TEXT NULL,
    Description TEXT NULL,
    Version INTEGER NOT NULL DEFAULT 1,
    CreatedAtUtc TEXT NOT NULL,
    UpdatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_Chains_Code UNIQUE (Code)
);

CREATE TABLE ChainNodes (
    Id INTEGER PRIMARY KEY,
    ChainId INTEGER NOT NULL REFERENCES Chains (Id) ON DELETE CASCADE,
    Code TEXT NOT NULL,
    Name TEXT NOT NULL,
    NameEn TEXT NULL,
    Segment TEXT NOT NULL CHECK (Segment IN ('upstream', 'midstream', 'downstream', 'support')),
    ParentId INTEGER NULL REFERENCES ChainNodes (Id),
    IndustryCodes TEXT NULL,
    IsKey INTEGER NOT NULL DEFAULT 0,
    Description TEXT NULL,
    SortOrder INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT UQ_ChainNodes_Code UNIQUE (ChainId, Code)
);
CREATE INDEX IX_ChainNodes_ParentId ON ChainNodes (ParentId);

-- u supplies v; Weight is the share of v's inputs that come from u (NULL: 1 / in-degree of v).
-- Edges and node mappings do not cascade (SQL Server refuses the second cascade path): code deletes them first.
CREATE TABLE ChainEdges (
    Id INTEGER PRIMARY KEY,
    ChainId INTEGER NOT NULL REFERENCES Chains (Id),
    FromNodeId INTEGER NOT NULL REFERENCES ChainNodes (Id),
    ToNodeId INTEGER NOT NULL REFERENCES ChainNodes (Id),
    Weight NUMERIC NULL,
    CONSTRAINT UQ_ChainEdges UNIQUE (FromNodeId, ToNodeId),
    CONSTRAINT CK_ChainEdges_NoSelfLoop CHECK (FromNodeId <> ToNodeId)
);
CREATE INDEX IX_ChainEdges_ChainId ON ChainEdges (ChainId);
CREATE INDEX IX_ChainEdges_ToNodeId ON ChainEdges (ToNodeId);

CREATE TABLE ParkChains (
    ParkId INTEGER NOT NULL REFERENCES Parks (Id) ON DELETE CASCADE,
    ChainId INTEGER NOT NULL REFERENCES Chains (Id) ON DELETE CASCADE,
    PRIMARY KEY (ParkId, ChainId)
);
CREATE INDEX IX_ParkChains_ChainId ON ParkChains (ChainId);

CREATE TABLE Enterprises (
    Id INTEGER PRIMARY KEY,
    Uscc TEXT NOT NULL,
    Name TEXT NOT NULL,
    NameKey TEXT NOT NULL,
    Kind TEXT NOT NULL CHECK (Kind IN ('local', 'prospect')),
    Province TEXT NULL,
    City TEXT NULL,
    District TEXT NULL,
    IndustryCode TEXT NULL,
    RegisteredCapitalWan NUMERIC NULL,
    AnnualRevenueWan NUMERIC NULL,
    Employees INTEGER NULL,
    MainProducts TEXT NULL,
    Website TEXT NULL,
    ParkId INTEGER NULL REFERENCES Parks (Id),
    Version INTEGER NOT NULL DEFAULT 1,
    CreatedAtUtc TEXT NOT NULL,
    UpdatedAtUtc TEXT NOT NULL,
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
    EnterpriseId INTEGER NOT NULL REFERENCES Enterprises (Id) ON DELETE CASCADE,
    Qualification TEXT NOT NULL,
    PRIMARY KEY (EnterpriseId, Qualification)
);
CREATE INDEX IX_EnterpriseQualifications_Qualification ON EnterpriseQualifications (Qualification, EnterpriseId);

CREATE TABLE EnterpriseContacts (
    Id INTEGER PRIMARY KEY,
    EnterpriseId INTEGER NOT NULL REFERENCES Enterprises (Id) ON DELETE CASCADE,
    Name TEXT NOT NULL,
    Title TEXT NULL,
    Phone TEXT NULL,
    Email TEXT NULL,
    IsPrimary INTEGER NOT NULL DEFAULT 0,
    SortOrder INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IX_EnterpriseContacts_EnterpriseId ON EnterpriseContacts (EnterpriseId);

CREATE TABLE EnterpriseNodes (
    EnterpriseId INTEGER NOT NULL REFERENCES Enterprises (Id) ON DELETE CASCADE,
    NodeId INTEGER NOT NULL REFERENCES ChainNodes (Id),
    PRIMARY KEY (EnterpriseId, NodeId)
);
CREATE INDEX IX_EnterpriseNodes_NodeId ON EnterpriseNodes (NodeId, EnterpriseId);
