-- Saved views (issue 14): a user keeps the filters and sort of /projects or /enterprises under a name; Leaders and
-- Admins may share one with everyone. Query holds only the list's known filter and sort keys, normalized by the app
-- (never paging, never other keys), so applying a view is a plain link and the list's own checks still apply.
-- NameKey is the name in upper case: names are unique per user and list whatever their case, in both databases
-- (SQL Server's default collation ignores case, SQLite's does not).
CREATE TABLE SavedViews (
    Id INTEGER PRIMARY KEY,
    OwnerUserId INTEGER NOT NULL REFERENCES Users (Id) ON DELETE CASCADE,
    List TEXT NOT NULL CHECK (List IN ('projects', 'enterprises')),
    Name TEXT NOT NULL,
    NameKey TEXT NOT NULL,
    Query TEXT NOT NULL,
    IsShared INTEGER NOT NULL DEFAULT 0,
    CreatedAtUtc TEXT NOT NULL,
    UpdatedAtUtc TEXT NOT NULL,
    Version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX UX_SavedViews_Name ON SavedViews (OwnerUserId, List, NameKey);
-- Everyone reads the shared views of a list above it.
CREATE INDEX IX_SavedViews_Shared ON SavedViews (List, IsShared);
