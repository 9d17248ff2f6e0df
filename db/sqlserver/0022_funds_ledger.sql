-- The funds-in-place ledger (到位资金) in use: the dashboard's cached figures sum the year's funds in place, so a write
-- to the ledger must invalidate them (DataVersions, migration 0017); and a team may have a yearly funds target
-- without a signing target, so the signing target becomes optional (NULL: none set), like FundsTargetWan (0020).

-- An entry is edited on its own page: a stale form (someone saved the entry since) is a conflict, not a silent overwrite.
ALTER TABLE FundsInPlace ADD Version int NOT NULL CONSTRAINT DF_FundsInPlace_Version DEFAULT 1;
GO
INSERT INTO DataVersions (Name, Version) VALUES (N'FundsInPlace', 0);
GO
CREATE TRIGGER TR_FundsInPlace_DataVersion ON FundsInPlace AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'FundsInPlace';
END
GO
ALTER TABLE TeamTargets ALTER COLUMN TargetWan decimal(18, 2) NULL;
GO
