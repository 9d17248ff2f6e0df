-- Land efficiency (亩均论英雄): one record per local enterprise and year, and the grading settings (one row).
-- Land in 亩, money in 万元, energy in tonnes of standard coal (tce); NUMERIC like every amount.

CREATE TABLE LandRecords (
    Id INTEGER PRIMARY KEY,
    EnterpriseId INTEGER NOT NULL REFERENCES Enterprises (Id) ON DELETE CASCADE,
    Year INTEGER NOT NULL,
    LandMu NUMERIC NOT NULL CHECK (LandMu > 0),
    OutputWan NUMERIC NOT NULL CHECK (OutputWan >= 0),
    TaxWan NUMERIC NOT NULL CHECK (TaxWan >= 0),
    InvestmentWan NUMERIC NULL,
    Employees INTEGER NULL,
    RdWan NUMERIC NULL,
    EnergyTce NUMERIC NULL,
    CreatedAtUtc TEXT NOT NULL,
    UpdatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_LandRecords_Enterprise_Year UNIQUE (EnterpriseId, Year)
);
CREATE INDEX IX_LandRecords_Year ON LandRecords (Year, EnterpriseId);

-- Weights of the scored indicators (tax, output, labour productivity, R&D intensity, energy productivity; they sum
-- to 1), the cap of an indicator's ratio to the year's median, the grade shares A/B/C/D (fractions summing to 1),
-- and whether C enterprises' land counts as land that could be freed. Exactly one row, Id = 1.
CREATE TABLE LandGradingSettings (
    Id INTEGER PRIMARY KEY CHECK (Id = 1),
    WeightTax NUMERIC NOT NULL,
    WeightOutput NUMERIC NOT NULL,
    WeightLabour NUMERIC NOT NULL,
    WeightRd NUMERIC NOT NULL,
    WeightEnergy NUMERIC NOT NULL,
    RatioCap NUMERIC NOT NULL,
    ShareA NUMERIC NOT NULL,
    ShareB NUMERIC NOT NULL,
    ShareC NUMERIC NOT NULL,
    ShareD NUMERIC NOT NULL,
    FreeableIncludesC INTEGER NOT NULL DEFAULT 0,
    Version INTEGER NOT NULL DEFAULT 1,
    UpdatedAtUtc TEXT NOT NULL
);
INSERT INTO LandGradingSettings (Id, WeightTax, WeightOutput, WeightLabour, WeightRd, WeightEnergy, RatioCap, ShareA, ShareB, ShareC, ShareD, FreeableIncludesC, Version, UpdatedAtUtc)
VALUES (1, 0.4, 0.3, 0.1, 0.1, 0.1, 3, 0.2, 0.5, 0.2, 0.1, 0, 1, '2026-01-01 00:00:00');
