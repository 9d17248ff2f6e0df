-- Files kept with a project or an enterprise (contract and MOU scans, visit reports, photos). Attachments holds what
-- the pages list; AttachmentContents the bytes, in the database so that every web node serves the same files (the
-- content sits behind IAttachmentStore, keyed by StorageKey, so another store can take it over).

CREATE TABLE Attachments (
    Id INTEGER PRIMARY KEY,
    -- project or enterprise; OwnerId is Projects.Id or Enterprises.Id
    OwnerType TEXT NOT NULL CHECK (OwnerType IN ('project', 'enterprise')),
    OwnerId INTEGER NOT NULL,
    FileName TEXT NOT NULL,
    ContentType TEXT NOT NULL,
    SizeBytes INTEGER NOT NULL,
    Sha256 TEXT NOT NULL,
    StorageKey TEXT NOT NULL,
    UploadedByUserId INTEGER NOT NULL REFERENCES Users (Id),
    UploadedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_Attachments_StorageKey UNIQUE (StorageKey)
);
CREATE INDEX IX_Attachments_Owner ON Attachments (OwnerType, OwnerId, UploadedAtUtc);

CREATE TABLE AttachmentContents (
    StorageKey TEXT NOT NULL PRIMARY KEY,
    Content BLOB NOT NULL
);
