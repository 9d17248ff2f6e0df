-- The saved views' tabs above /projects and /enterprises are kept per reader and list with the data versions of
-- SavedViews and Users (the owner's name shows on a shared view), so a list page no longer reads them on every
-- request: this is the SavedViews counter (DataVersions, migration 0017).
INSERT INTO DataVersions (Name, Version) VALUES ('SavedViews', 0);
CREATE TRIGGER TR_SavedViews_Insert_DataVersion AFTER INSERT ON SavedViews BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'SavedViews'; END;
CREATE TRIGGER TR_SavedViews_Update_DataVersion AFTER UPDATE ON SavedViews BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'SavedViews'; END;
CREATE TRIGGER TR_SavedViews_Delete_DataVersion AFTER DELETE ON SavedViews BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'SavedViews'; END;
