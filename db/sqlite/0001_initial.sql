-- Users, roles, teams (科室), data-protection keys and the audit log.
-- Times are UTC ISO-8601 text; booleans are 0/1.

CREATE TABLE Teams (
    Id INTEGER PRIMARY KEY,
    Name TEXT NOT NULL COLLATE NOCASE,
    CreatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_Teams_Name UNIQUE (Name)
);

CREATE TABLE Users (
    Id INTEGER PRIMARY KEY,
    UserName TEXT NOT NULL,
    NormalizedUserName TEXT NOT NULL,
    Email TEXT NOT NULL,
    NormalizedEmail TEXT NOT NULL,
    EmailConfirmed INTEGER NOT NULL DEFAULT 0,
    DisplayName TEXT NOT NULL,
    PasswordHash TEXT NULL,
    SecurityStamp TEXT NOT NULL,
    ConcurrencyStamp TEXT NOT NULL,
    LockoutEnabled INTEGER NOT NULL DEFAULT 1,
    LockoutEndUtc TEXT NULL,
    AccessFailedCount INTEGER NOT NULL DEFAULT 0,
    IsDisabled INTEGER NOT NULL DEFAULT 0,
    TeamId INTEGER NULL REFERENCES Teams (Id),
    Culture TEXT NOT NULL DEFAULT 'zh-CN',
    CreatedAtUtc TEXT NOT NULL,
    LastSignInAtUtc TEXT NULL,
    CONSTRAINT UQ_Users_NormalizedUserName UNIQUE (NormalizedUserName),
    CONSTRAINT UQ_Users_NormalizedEmail UNIQUE (NormalizedEmail)
);
CREATE INDEX IX_Users_TeamId ON Users (TeamId);

CREATE TABLE Roles (
    Id INTEGER PRIMARY KEY,
    Name TEXT NOT NULL,
    NormalizedName TEXT NOT NULL,
    ConcurrencyStamp TEXT NULL,
    CONSTRAINT UQ_Roles_NormalizedName UNIQUE (NormalizedName)
);

CREATE TABLE UserRoles (
    UserId INTEGER NOT NULL REFERENCES Users (Id) ON DELETE CASCADE,
    RoleId INTEGER NOT NULL REFERENCES Roles (Id) ON DELETE CASCADE,
    PRIMARY KEY (UserId, RoleId)
);
CREATE INDEX IX_UserRoles_RoleId ON UserRoles (RoleId);

INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp) VALUES
    ('Admin', 'ADMIN', 'seed'),
    ('Leader', 'LEADER', 'seed'),
    ('Staff', 'STAFF', 'seed');

-- ASP.NET Data Protection key ring, shared by every web node so sign-in cookies work behind a load balancer.
CREATE TABLE DataProtectionKeys (
    Id INTEGER PRIMARY KEY,
    FriendlyName TEXT NOT NULL,
    Xml TEXT NOT NULL,
    CreatedAtUtc TEXT NOT NULL
);

-- Who changed what: one row per change, old and new values as JSON.
CREATE TABLE AuditLog (
    Id INTEGER PRIMARY KEY,
    AtUtc TEXT NOT NULL,
    ActorUserId INTEGER NULL,
    ActorName TEXT NOT NULL,
    EntityType TEXT NOT NULL,
    EntityId TEXT NOT NULL,
    Action TEXT NOT NULL,
    Changes TEXT NULL
);
CREATE INDEX IX_AuditLog_Entity ON AuditLog (EntityType, EntityId);
CREATE INDEX IX_AuditLog_AtUtc ON AuditLog (AtUtc);
