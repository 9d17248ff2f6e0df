-- Users, roles, teams (科室), data-protection keys and the audit log.

CREATE TABLE Teams (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Teams PRIMARY KEY,
    Name nvarchar(100) NOT NULL,
    CreatedAtUtc datetime2 NOT NULL,
    CONSTRAINT UQ_Teams_Name UNIQUE (Name)
);

CREATE TABLE Users (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Users PRIMARY KEY,
    UserName nvarchar(256) NOT NULL,
    NormalizedUserName nvarchar(256) NOT NULL,
    Email nvarchar(256) NOT NULL,
    NormalizedEmail nvarchar(256) NOT NULL,
    EmailConfirmed bit NOT NULL CONSTRAINT DF_Users_EmailConfirmed DEFAULT 0,
    DisplayName nvarchar(100) NOT NULL,
    PasswordHash nvarchar(500) NULL,
    SecurityStamp nvarchar(100) NOT NULL,
    ConcurrencyStamp nvarchar(100) NOT NULL,
    LockoutEnabled bit NOT NULL CONSTRAINT DF_Users_LockoutEnabled DEFAULT 1,
    LockoutEndUtc datetime2 NULL,
    AccessFailedCount int NOT NULL CONSTRAINT DF_Users_AccessFailedCount DEFAULT 0,
    IsDisabled bit NOT NULL CONSTRAINT DF_Users_IsDisabled DEFAULT 0,
    TeamId bigint NULL CONSTRAINT FK_Users_Teams REFERENCES Teams (Id),
    Culture nvarchar(10) NOT NULL CONSTRAINT DF_Users_Culture DEFAULT 'zh-CN',
    CreatedAtUtc datetime2 NOT NULL,
    LastSignInAtUtc datetime2 NULL,
    CONSTRAINT UQ_Users_NormalizedUserName UNIQUE (NormalizedUserName),
    CONSTRAINT UQ_Users_NormalizedEmail UNIQUE (NormalizedEmail)
);
CREATE INDEX IX_Users_TeamId ON Users (TeamId);

CREATE TABLE Roles (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Roles PRIMARY KEY,
    Name nvarchar(50) NOT NULL,
    NormalizedName nvarchar(50) NOT NULL,
    ConcurrencyStamp nvarchar(100) NULL,
    CONSTRAINT UQ_Roles_NormalizedName UNIQUE (NormalizedName)
);

CREATE TABLE UserRoles (
    UserId bigint NOT NULL CONSTRAINT FK_UserRoles_Users REFERENCES Users (Id) ON DELETE CASCADE,
    RoleId bigint NOT NULL CONSTRAINT FK_UserRoles_Roles REFERENCES Roles (Id) ON DELETE CASCADE,
    CONSTRAINT PK_UserRoles PRIMARY KEY (UserId, RoleId)
);
CREATE INDEX IX_UserRoles_RoleId ON UserRoles (RoleId);

INSERT INTO Roles (Name, NormalizedName, ConcurrencyStamp) VALUES
    (N'Admin', N'ADMIN', N'seed'),
    (N'Leader', N'LEADER', N'seed'),
    (N'Staff', N'STAFF', N'seed');

-- ASP.NET Data Protection key ring, shared by every web node so sign-in cookies work behind a load balancer.
CREATE TABLE DataProtectionKeys (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_DataProtectionKeys PRIMARY KEY,
    FriendlyName nvarchar(200) NOT NULL,
    Xml nvarchar(max) NOT NULL,
    CreatedAtUtc datetime2 NOT NULL
);

-- Who changed what: one row per change, old and new values as JSON.
CREATE TABLE AuditLog (
    Id bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_AuditLog PRIMARY KEY,
    AtUtc datetime2 NOT NULL,
    ActorUserId bigint NULL,
    ActorName nvarchar(256) NOT NULL,
    EntityType nvarchar(50) NOT NULL,
    EntityId nvarchar(100) NOT NULL,
    Action nvarchar(50) NOT NULL,
    Changes nvarchar(max) NULL
);
CREATE INDEX IX_AuditLog_Entity ON AuditLog (EntityType, EntityId);
CREATE INDEX IX_AuditLog_AtUtc ON AuditLog (AtUtc);
