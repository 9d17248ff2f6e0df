-- Land efficiency (亩均论英雄): one record per local enterprise and year, and the grading settings (one row).
-- Land in 亩, money in 万元 (decimal(18, 2)), energy in tonnes of standard coal (tce).

CREATE TABLE LandRecords (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_LandRecords PRIMARY KEY,
    EnterpriseId bigint NOT NULL CONSTRAINT FK_LandRecords_Enterprises REFERENCES Enterprises (Id) ON DELETE CASCADE,
    Year int NOT NULL,
    LandMu decimal(18, 2) NOT NULL CONSTRAINT CK_LandRecords_LandMu CHECK (LandMu > 0),
    OutputWan decimal(18, 2) NOT NULL CONSTRAINT CK_LandRecords_OutputWan CHECK (OutputWan >= 0),
    TaxWan decimal(18, 2) NOT NULL CONSTRAINT CK_LandRecords_TaxWan CHECK (TaxWan >= 0),
    InvestmentWan decimal(18, 2) NULL,
    Employees int NULL,
    RdWan decimal(18, 2) NULL,
    EnergyTce decimal(18, 2) NULL,
    CreatedAtUtc datetime2 NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_LandRecords_Enterprise_Year UNIQUE (EnterpriseId, Year)
);
CREATE INDEX IX_LandRecords_Year ON LandRecords (Year, EnterpriseId);

-- Weights of the scored indicators (tax, output, labour productivity, R&D intensity, energy productivity; they sum
-- to 1), the cap of an indicator's ratio to the year's median, the grade shares A/B/C/D (fractions summing to 1),
-- and whether C enterprises' land counts as land that could be freed. Exactly one row, Id = 1.
CREATE TABLE LandGradingSettings (
    Id int NOT NULL CONSTRAINT PK_LandGradingSettings PRIMARY KEY CONSTRAINT CK_LandGradingSettings_Single CHECK (Id = 1),
    WeightTax decimal(9, 4) NOT NULL,
    WeightOutput decimal(9, 4) NOT NULL,
    WeightLabour decimal(9, 4) NOT NULL,
    WeightRd decimal(9, 4) NOT NULL,
    WeightEnergy decimal(9, 4) NOT NULL,
    RatioCap decimal(9, 4) NOT NULL,
    ShareA decimal(9, 4) NOT NULL,
    ShareB decimal(9, 4) NOT NULL,
    ShareC decimal(9, 4) NOT NULL,
    ShareD decimal(9, 4) NOT NULL,
    FreeableIncludesC bit NOT NULL CONSTRAINT DF_LandGradingSettings_FreeableIncludesC DEFAULT 0,
    Version int NOT NULL CONSTRAINT DF_LandGradingSettings_Version DEFAULT 1,
    UpdatedAtUtc datetime2 NOT NULL
);
INSERT INTO LandGradingSettings (Id, WeightTax, WeightOutput, WeightLabour, WeightRd, WeightEnergy, RatioCap, ShareA, ShareB, ShareC, ShareD, FreeableIncludesC, Version, UpdatedAtUtc)
VALUES (1, 0.4, 0.3, 0.1, 0.1, 0.1, 3, 0.2, 0.5, 0.2, 0.1, 0, 1, '2026-01-01T00:00:00');
