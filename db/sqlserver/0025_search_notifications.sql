-- Search everywhere and the notifications menu (issue 14).
--
-- 1. Contacts are found by name, phone or e-mail. SQLite keeps a trigram index for them in this migration; SQL
--    Server scans EnterpriseContacts with LIKE, for the reason migration 0019 gives for enterprises (no substring
--    index without the Full-Text Search feature, whose word breakers find words, not infixes).
--
-- 2. Who was given a project, and when: ownership had no history (only the audit text). A trigger writes it for
--    every path that creates or reassigns a project (form, bulk reassign, import, command line), so none can forget
--    the new owner's notification. A project created by its own owner, or by nobody (seeders), is no assignment.
CREATE TABLE ProjectAssignments (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ProjectAssignments PRIMARY KEY,
    ProjectId bigint NOT NULL CONSTRAINT FK_ProjectAssignments_Projects REFERENCES Projects (Id) ON DELETE CASCADE,
    OwnerUserId bigint NOT NULL CONSTRAINT FK_ProjectAssignments_Users REFERENCES Users (Id),
    AssignedAtUtc datetime2 NOT NULL
);
CREATE INDEX IX_ProjectAssignments_Owner ON ProjectAssignments (OwnerUserId, AssignedAtUtc);
CREATE INDEX IX_ProjectAssignments_Project ON ProjectAssignments (ProjectId);
GO
CREATE TRIGGER TR_Projects_Assignment ON Projects AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO ProjectAssignments (ProjectId, OwnerUserId, AssignedAtUtc)
    SELECT i.Id, i.OwnerUserId, CASE WHEN d.Id IS NULL THEN i.CreatedAtUtc ELSE i.UpdatedAtUtc END
    FROM inserted i
    LEFT JOIN deleted d ON d.Id = i.Id
    WHERE (d.Id IS NULL AND i.CreatedByUserId IS NOT NULL AND i.CreatedByUserId <> i.OwnerUserId)
       OR (d.Id IS NOT NULL AND d.OwnerUserId <> i.OwnerUserId);
END
GO

-- 3. When each user last opened the notifications menu: what happened after it is unread.
CREATE TABLE NotificationReads (
    UserId bigint NOT NULL CONSTRAINT PK_NotificationReads PRIMARY KEY CONSTRAINT FK_NotificationReads_Users REFERENCES Users (Id) ON DELETE CASCADE,
    ReadAtUtc datetime2 NOT NULL
);
INSERT INTO DataVersions (Name, Version) VALUES (N'NotificationReads', 0);
GO
CREATE TRIGGER TR_NotificationReads_DataVersion ON NotificationReads AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE DataVersions SET Version = Version + 1 WHERE Name = N'NotificationReads';
END
GO
