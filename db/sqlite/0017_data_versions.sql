-- Data versions: one counter per table that a cached figure is computed from (the gap analysis of a chain, the
-- dashboard's aggregates per project scope, the enterprise list's filter choices). A trigger bumps a table's
-- counter in the same transaction as every insert, update or delete on it, whatever code runs the statement
-- (pages, imports, the command line, seeders), so a cache that keeps the counters it was computed at, and reads
-- them again before each use, can never serve a result from before a committed write
-- (Infrastructure/Data/DataVersions.cs says how they are read). Counters only grow, so the sum of a set of them
-- changes with every write to any of those tables.

CREATE TABLE DataVersions (
    Name TEXT NOT NULL PRIMARY KEY,
    Version INTEGER NOT NULL DEFAULT 0
);

INSERT INTO DataVersions (Name, Version) VALUES
    ('Chains', 0),
    ('ChainNodes', 0),
    ('ChainEdges', 0),
    ('Parks', 0),
    ('Enterprises', 0),
    ('EnterpriseNodes', 0),
    ('Projects', 0),
    ('ProjectNodes', 0),
    ('ProjectStageChanges', 0),
    ('Activities', 0),
    ('ProjectComments', 0),
    ('TeamTargets', 0),
    ('Users', 0),
    ('GapSettings', 0);

-- SQLite's triggers are per row and per event: three for each table.
CREATE TRIGGER TR_Chains_Insert_DataVersion AFTER INSERT ON Chains BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Chains'; END;
CREATE TRIGGER TR_Chains_Update_DataVersion AFTER UPDATE ON Chains BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Chains'; END;
CREATE TRIGGER TR_Chains_Delete_DataVersion AFTER DELETE ON Chains BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Chains'; END;
CREATE TRIGGER TR_ChainNodes_Insert_DataVersion AFTER INSERT ON ChainNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ChainNodes'; END;
CREATE TRIGGER TR_ChainNodes_Update_DataVersion AFTER UPDATE ON ChainNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ChainNodes'; END;
CREATE TRIGGER TR_ChainNodes_Delete_DataVersion AFTER DELETE ON ChainNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ChainNodes'; END;
CREATE TRIGGER TR_ChainEdges_Insert_DataVersion AFTER INSERT ON ChainEdges BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ChainEdges'; END;
CREATE TRIGGER TR_ChainEdges_Update_DataVersion AFTER UPDATE ON ChainEdges BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ChainEdges'; END;
CREATE TRIGGER TR_ChainEdges_Delete_DataVersion AFTER DELETE ON ChainEdges BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ChainEdges'; END;
CREATE TRIGGER TR_Parks_Insert_DataVersion AFTER INSERT ON Parks BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Parks'; END;
CREATE TRIGGER TR_Parks_Update_DataVersion AFTER UPDATE ON Parks BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Parks'; END;
CREATE TRIGGER TR_Parks_Delete_DataVersion AFTER DELETE ON Parks BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Parks'; END;
CREATE TRIGGER TR_Enterprises_Insert_DataVersion AFTER INSERT ON Enterprises BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Enterprises'; END;
CREATE TRIGGER TR_Enterprises_Update_DataVersion AFTER UPDATE ON Enterprises BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Enterprises'; END;
CREATE TRIGGER TR_Enterprises_Delete_DataVersion AFTER DELETE ON Enterprises BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Enterprises'; END;
CREATE TRIGGER TR_EnterpriseNodes_Insert_DataVersion AFTER INSERT ON EnterpriseNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'EnterpriseNodes'; END;
CREATE TRIGGER TR_EnterpriseNodes_Update_DataVersion AFTER UPDATE ON EnterpriseNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'EnterpriseNodes'; END;
CREATE TRIGGER TR_EnterpriseNodes_Delete_DataVersion AFTER DELETE ON EnterpriseNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'EnterpriseNodes'; END;
CREATE TRIGGER TR_Projects_Insert_DataVersion AFTER INSERT ON Projects BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Projects'; END;
CREATE TRIGGER TR_Projects_Update_DataVersion AFTER UPDATE ON Projects BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Projects'; END;
CREATE TRIGGER TR_Projects_Delete_DataVersion AFTER DELETE ON Projects BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Projects'; END;
CREATE TRIGGER TR_ProjectNodes_Insert_DataVersion AFTER INSERT ON ProjectNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectNodes'; END;
CREATE TRIGGER TR_ProjectNodes_Update_DataVersion AFTER UPDATE ON ProjectNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectNodes'; END;
CREATE TRIGGER TR_ProjectNodes_Delete_DataVersion AFTER DELETE ON ProjectNodes BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectNodes'; END;
CREATE TRIGGER TR_ProjectStageChanges_Insert_DataVersion AFTER INSERT ON ProjectStageChanges BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectStageChanges'; END;
CREATE TRIGGER TR_ProjectStageChanges_Update_DataVersion AFTER UPDATE ON ProjectStageChanges BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectStageChanges'; END;
CREATE TRIGGER TR_ProjectStageChanges_Delete_DataVersion AFTER DELETE ON ProjectStageChanges BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectStageChanges'; END;
CREATE TRIGGER TR_Activities_Insert_DataVersion AFTER INSERT ON Activities BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Activities'; END;
CREATE TRIGGER TR_Activities_Update_DataVersion AFTER UPDATE ON Activities BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Activities'; END;
CREATE TRIGGER TR_Activities_Delete_DataVersion AFTER DELETE ON Activities BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Activities'; END;
CREATE TRIGGER TR_ProjectComments_Insert_DataVersion AFTER INSERT ON ProjectComments BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectComments'; END;
CREATE TRIGGER TR_ProjectComments_Update_DataVersion AFTER UPDATE ON ProjectComments BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectComments'; END;
CREATE TRIGGER TR_ProjectComments_Delete_DataVersion AFTER DELETE ON ProjectComments BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'ProjectComments'; END;
CREATE TRIGGER TR_TeamTargets_Insert_DataVersion AFTER INSERT ON TeamTargets BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'TeamTargets'; END;
CREATE TRIGGER TR_TeamTargets_Update_DataVersion AFTER UPDATE ON TeamTargets BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'TeamTargets'; END;
CREATE TRIGGER TR_TeamTargets_Delete_DataVersion AFTER DELETE ON TeamTargets BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'TeamTargets'; END;
CREATE TRIGGER TR_Users_Insert_DataVersion AFTER INSERT ON Users BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Users'; END;
CREATE TRIGGER TR_Users_Update_DataVersion AFTER UPDATE ON Users BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Users'; END;
CREATE TRIGGER TR_Users_Delete_DataVersion AFTER DELETE ON Users BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'Users'; END;
CREATE TRIGGER TR_GapSettings_Insert_DataVersion AFTER INSERT ON GapSettings BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'GapSettings'; END;
CREATE TRIGGER TR_GapSettings_Update_DataVersion AFTER UPDATE ON GapSettings BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'GapSettings'; END;
CREATE TRIGGER TR_GapSettings_Delete_DataVersion AFTER DELETE ON GapSettings BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'GapSettings'; END;
