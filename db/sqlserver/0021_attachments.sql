-- Files kept with a project or an enterprise (contract and MOU scans, visit reports, photos). Attachments holds what
-- the pages list; AttachmentContents the bytes, in the database so that every web node serves the same files (the
-- content sits behind IAttachmentStore, keyed by StorageKey, so another store can take it over).

CREATE TABLE Attachments (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Attachments PRIMARY KEY,
    -- project or enterprise; OwnerId is Projects.Id or Enterprises.Id
    OwnerType nvarchar(20) NOT NULL CONSTRAINT CK_Attachments_OwnerType CHECK (OwnerType IN (N'project', N'enterprise')),
    OwnerId bigint NOT NULL,
    FileName nvarchar(255) NOT NULL,
    ContentType nvarchar(100) NOT NULL,
    SizeBytes bigint NOT NULL,
    Sha256 nvarchar(64) NOT NULL,
    StorageKey nvarchar(64) NOT NULL,
    UploadedByUserId bigint NOT NULL CONSTRAINT FK_Attachments_UploadedBy REFERENCES Users (Id),
    UploadedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_Attachments_StorageKey UNIQUE (StorageKey)
);
CREATE INDEX IX_Attachments_Owner ON Attachments (OwnerType, OwnerId, UploadedAtUtc);

CREATE TABLE AttachmentContents (
    StorageKey nvarchar(64) NOT NULL CONSTRAINT PK_AttachmentContents PRIMARY KEY,
    Content varbinary(max) NOT NULL
);
