-- The saved views' tabs above /projects and /enterprises are kept per reader and list with the data versions of
-- SavedViews and Users (the owner's name shows on a shared view), so a list page no longer reads them on every
-- request: this is the SavedViews counter (DataVersions, migration 0017).
INSERT INTO DataVersions (Name, Version) VALUES (N'SavedViews', 0);
GO
CREATE TRIGGER TR_SavedViews_DataVersion ON SavedViews AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'SavedViews';
END
GO
