-- Zones of parks (一区多园): a development zone (开发区, 高新区) holds several parks; a park belongs to at most one.
-- Enterprises and projects keep pointing at a park; a zone's figures are always summed from its parks.
CREATE TABLE Zones (
    Id INTEGER PRIMARY KEY,
    Name TEXT NOT NULL,
    -- national, provincial or municipal (国家级, 省级, 市级)
    Level TEXT NOT NULL CHECK (Level IN ('national', 'provincial', 'municipal')),
    AreaKm2 NUMERIC NULL,
    CreatedAtUtc TEXT NOT NULL,
    UpdatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_Zones_Name UNIQUE (Name)
);

ALTER TABLE Parks ADD COLUMN ZoneId INTEGER NULL REFERENCES Zones (Id);
CREATE INDEX IX_Parks_ZoneId ON Parks (ZoneId);

-- Chain chiefs (链长制): the leader answerable for a chain (a user with the Leader role, checked when it is set).
ALTER TABLE Chains ADD COLUMN ChiefUserId INTEGER NULL REFERENCES Users (Id);
CREATE INDEX IX_Chains_ChiefUserId ON Chains (ChiefUserId);

-- Leading enterprises (链主企业) of a chain, local or prospect: the enterprises the chain is built around.
CREATE TABLE ChainLeadingEnterprises (
    ChainId INTEGER NOT NULL REFERENCES Chains (Id) ON DELETE CASCADE,
    EnterpriseId INTEGER NOT NULL REFERENCES Enterprises (Id) ON DELETE CASCADE,
    PRIMARY KEY (ChainId, EnterpriseId)
);
CREATE INDEX IX_ChainLeadingEnterprises_EnterpriseId ON ChainLeadingEnterprises (EnterpriseId);
