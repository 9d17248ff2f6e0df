-- The funds-in-place ledger (到位资金) in use: the dashboard's cached figures sum the year's funds in place, so a write
-- to the ledger must invalidate them (DataVersions, migration 0017); and a team may have a yearly funds target
-- without a signing target, so the signing target becomes optional (NULL: none set), like FundsTargetWan (0020).

-- An entry is edited on its own page: a stale form (someone saved the entry since) is a conflict, not a silent overwrite.
ALTER TABLE FundsInPlace ADD COLUMN Version INTEGER NOT NULL DEFAULT 1;

INSERT INTO DataVersions (Name, Version) VALUES ('FundsInPlace', 0);
CREATE TRIGGER TR_FundsInPlace_Insert_DataVersion AFTER INSERT ON FundsInPlace BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'FundsInPlace'; END;
CREATE TRIGGER TR_FundsInPlace_Update_DataVersion AFTER UPDATE ON FundsInPlace BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'FundsInPlace'; END;
CREATE TRIGGER TR_FundsInPlace_Delete_DataVersion AFTER DELETE ON FundsInPlace BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'FundsInPlace'; END;

-- SQLite cannot drop a NOT NULL: the table is rebuilt with the same columns, rows and triggers.
CREATE TABLE TeamTargets_New (
    Id INTEGER PRIMARY KEY,
    Year INTEGER NOT NULL,
    TeamId INTEGER NULL REFERENCES Teams (Id),
    TargetWan NUMERIC NULL,
    UpdatedAtUtc TEXT NOT NULL,
    FundsTargetWan NUMERIC NULL,
    CONSTRAINT UQ_TeamTargets UNIQUE (Year, TeamId)
);
INSERT INTO TeamTargets_New (Id, Year, TeamId, TargetWan, UpdatedAtUtc, FundsTargetWan)
SELECT Id, Year, TeamId, TargetWan, UpdatedAtUtc, FundsTargetWan FROM TeamTargets;
DROP TABLE TeamTargets;
ALTER TABLE TeamTargets_New RENAME TO TeamTargets;
CREATE TRIGGER TR_TeamTargets_Insert_DataVersion AFTER INSERT ON TeamTargets BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'TeamTargets'; END;
CREATE TRIGGER TR_TeamTargets_Update_DataVersion AFTER UPDATE ON TeamTargets BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'TeamTargets'; END;
CREATE TRIGGER TR_TeamTargets_Delete_DataVersion AFTER DELETE ON TeamTargets BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'TeamTargets'; END;
-- The rebuild's own rows count as one write, so a figure cached before it is recomputed.
UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'TeamTargets';
