-- Saved views (issue 14): a user keeps the filters and sort of /projects or /enterprises under a name; Leaders and
-- Admins may share one with everyone. Query holds only the list's known filter and sort keys, normalized by the app
-- (never paging, never other keys), so applying a view is a plain link and the list's own checks still apply.
-- NameKey is the name in upper case: names are unique per user and list whatever their case, in both databases
-- (SQL Server's default collation ignores case, SQLite's does not).
CREATE TABLE SavedViews (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_SavedViews PRIMARY KEY,
    OwnerUserId bigint NOT NULL CONSTRAINT FK_SavedViews_Users REFERENCES Users (Id) ON DELETE CASCADE,
    List nvarchar(20) NOT NULL CONSTRAINT CK_SavedViews_List CHECK (List IN (N'projects', N'enterprises')),
    Name nvarchar(60) NOT NULL,
    NameKey nvarchar(60) NOT NULL,
    Query nvarchar(1000) NOT NULL,
    IsShared bit NOT NULL CONSTRAINT DF_SavedViews_IsShared DEFAULT 0,
    CreatedAtUtc datetime2 NOT NULL,
    UpdatedAtUtc datetime2 NOT NULL,
    Version int NOT NULL CONSTRAINT DF_SavedViews_Version DEFAULT 1
);
CREATE UNIQUE INDEX UX_SavedViews_Name ON SavedViews (OwnerUserId, List, NameKey);
-- Everyone reads the shared views of a list above it.
CREATE INDEX IX_SavedViews_Shared ON SavedViews (List, IsShared);
