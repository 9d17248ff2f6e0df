-- Zones of parks (一区多园): a development zone (开发区, 高新区) holds several parks; a park belongs to at most one.
-- Enterprises and projects keep pointing at a park; a zone's figures are always summed from its parks.
CREATE TABLE Zones (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Zones PRIMARY KEY,
    Name nvarchar(100) NOT NULL,
    -- national, provincial or municipal (国家级, 省级, 市级)
    Level nvarchar(20) NOT NULL CONSTRAINT CK_Zones_Level CHECK (Level IN (N'national', N'provincial', N'municipal')),
    AreaKm2 decimal(18, 2) NULL,
    CreatedAtUtc datetime2 NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_Zones_Name UNIQUE (Name)
);

ALTER TABLE Parks ADD ZoneId bigint NULL CONSTRAINT FK_Parks_Zones REFERENCES Zones (Id);
CREATE INDEX IX_Parks_ZoneId ON Parks (ZoneId);

-- Chain chiefs (链长制): the leader answerable for a chain (a user with the Leader role, checked when it is set).
ALTER TABLE Chains ADD ChiefUserId bigint NULL CONSTRAINT FK_Chains_ChiefUser REFERENCES Users (Id);
CREATE INDEX IX_Chains_ChiefUserId ON Chains (ChiefUserId);

-- Leading enterprises (链主企业) of a chain, local or prospect: the enterprises the chain is built around.
CREATE TABLE ChainLeadingEnterprises (
    ChainId bigint NOT NULL CONSTRAINT FK_ChainLeadingEnterprises_Chains REFERENCES Chains (Id) ON DELETE CASCADE,
    EnterpriseId bigint NOT NULL CONSTRAINT FK_ChainLeadingEnterprises_Enterprises REFERENCES Enterprises (Id) ON DELETE CASCADE,
    CONSTRAINT PK_ChainLeadingEnterprises PRIMARY KEY (ChainId, EnterpriseId)
);
CREATE INDEX IX_ChainLeadingEnterprises_EnterpriseId ON ChainLeadingEnterprises (EnterpriseId);
