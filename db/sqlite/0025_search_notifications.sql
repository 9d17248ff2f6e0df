-- Search everywhere and the notifications menu (issue 14).
--
-- 1. Contacts are found by name, phone or e-mail the way enterprises are (migration 0019): a contentless trigram
--    index with contentless_delete, each column padded with two spaces so that 1- and 2-character queries are
--    answered from the index's terms (ContactSearchTerms). Phones are indexed as digits only, so "0576-8888 1234",
--    "057688881234" and "8888" all find the same contact. ContactSearchText says once what each column holds; the
--    backfill and the triggers read it.
CREATE VIRTUAL TABLE ContactSearch USING fts5(Name, Phone, Email, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE ContactSearchTerms USING fts5vocab(ContactSearch, instance);

CREATE VIEW ContactSearchText AS
SELECT Id,
       Name || '  ' AS Name,
       REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(COALESCE(Phone, ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', ''), '.', '') || '  ' AS Phone,
       COALESCE(Email, '') || '  ' AS Email
FROM EnterpriseContacts;

INSERT INTO ContactSearch (rowid, Name, Phone, Email) SELECT Id, Name, Phone, Email FROM ContactSearchText;

CREATE TRIGGER TR_EnterpriseContacts_Search_Insert AFTER INSERT ON EnterpriseContacts
BEGIN
    INSERT INTO ContactSearch (rowid, Name, Phone, Email) SELECT Id, Name, Phone, Email FROM ContactSearchText WHERE Id = new.Id;
END;

CREATE TRIGGER TR_EnterpriseContacts_Search_Update AFTER UPDATE OF Id, Name, Phone, Email ON EnterpriseContacts
BEGIN
    DELETE FROM ContactSearch WHERE rowid = old.Id;
    INSERT INTO ContactSearch (rowid, Name, Phone, Email) SELECT Id, Name, Phone, Email FROM ContactSearchText WHERE Id = new.Id;
END;

CREATE TRIGGER TR_EnterpriseContacts_Search_Delete AFTER DELETE ON EnterpriseContacts
BEGIN
    DELETE FROM ContactSearch WHERE rowid = old.Id;
END;

-- 2. Who was given a project, and when: ownership had no history (only the audit text). A trigger writes it for
--    every path that creates or reassigns a project (form, bulk reassign, import, command line), so none can forget
--    the new owner's notification. A project created by its own owner, or by nobody (seeders), is no assignment.
CREATE TABLE ProjectAssignments (
    Id INTEGER PRIMARY KEY,
    ProjectId INTEGER NOT NULL REFERENCES Projects (Id) ON DELETE CASCADE,
    OwnerUserId INTEGER NOT NULL REFERENCES Users (Id),
    AssignedAtUtc TEXT NOT NULL
);
CREATE INDEX IX_ProjectAssignments_Owner ON ProjectAssignments (OwnerUserId, AssignedAtUtc);
CREATE INDEX IX_ProjectAssignments_Project ON ProjectAssignments (ProjectId);

CREATE TRIGGER TR_Projects_Assignment_Insert AFTER INSERT ON Projects
WHEN new.CreatedByUserId IS NOT NULL AND new.CreatedByUserId <> new.OwnerUserId
BEGIN
    INSERT INTO ProjectAssignments (ProjectId, OwnerUserId, AssignedAtUtc) VALUES (new.Id, new.OwnerUserId, new.CreatedAtUtc);
END;

CREATE TRIGGER TR_Projects_Assignment_Update AFTER UPDATE OF OwnerUserId ON Projects
WHEN new.OwnerUserId <> old.OwnerUserId
BEGIN
    INSERT INTO ProjectAssignments (ProjectId, OwnerUserId, AssignedAtUtc) VALUES (new.Id, new.OwnerUserId, new.UpdatedAtUtc);
END;

-- 3. When each user last opened the notifications menu: what happened after it is unread.
CREATE TABLE NotificationReads (
    UserId INTEGER NOT NULL PRIMARY KEY REFERENCES Users (Id) ON DELETE CASCADE,
    ReadAtUtc TEXT NOT NULL
);

INSERT INTO DataVersions (Name, Version) VALUES ('NotificationReads', 0);
CREATE TRIGGER TR_NotificationReads_Insert_DataVersion AFTER INSERT ON NotificationReads BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'NotificationReads'; END;
CREATE TRIGGER TR_NotificationReads_Update_DataVersion AFTER UPDATE ON NotificationReads BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'NotificationReads'; END;
CREATE TRIGGER TR_NotificationReads_Delete_DataVersion AFTER DELETE ON NotificationReads BEGIN UPDATE DataVersions SET Version = Version + 1 WHERE Name = 'NotificationReads'; END;
