-- Background jobs moved from Quartz.NET to Hangfire (Infrastructure/Jobs). Hangfire keeps its own storage: on SQLite
-- a file of its own beside this database (its table names would clash with an application's), on SQL Server the
-- schema 'hangfire' that Hangfire creates at start-up. So this script only removes what Quartz left here:
-- 1. the QRTZ_ tables of 0005 (their triggers and indexes go with them), children before their parents;
-- 2. JobRuns, the Quartz-era run history: the Hangfire Dashboard (/admin/jobs) shows every job's states now.
-- A database migrated by the previous version loses its Quartz schedules and history; the recurring jobs are
-- declared again by the app at start-up. Documents and DocumentRequests stay: they are the jobs' effects.
IF OBJECT_ID(N'QRTZ_SIMPLE_TRIGGERS', N'U') IS NOT NULL
    DROP TABLE QRTZ_SIMPLE_TRIGGERS;
IF OBJECT_ID(N'QRTZ_CRON_TRIGGERS', N'U') IS NOT NULL
    DROP TABLE QRTZ_CRON_TRIGGERS;
IF OBJECT_ID(N'QRTZ_SIMPROP_TRIGGERS', N'U') IS NOT NULL
    DROP TABLE QRTZ_SIMPROP_TRIGGERS;
IF OBJECT_ID(N'QRTZ_BLOB_TRIGGERS', N'U') IS NOT NULL
    DROP TABLE QRTZ_BLOB_TRIGGERS;
IF OBJECT_ID(N'QRTZ_FIRED_TRIGGERS', N'U') IS NOT NULL
    DROP TABLE QRTZ_FIRED_TRIGGERS;
IF OBJECT_ID(N'QRTZ_PAUSED_TRIGGER_GRPS', N'U') IS NOT NULL
    DROP TABLE QRTZ_PAUSED_TRIGGER_GRPS;
IF OBJECT_ID(N'QRTZ_TRIGGERS', N'U') IS NOT NULL
    DROP TABLE QRTZ_TRIGGERS;
IF OBJECT_ID(N'QRTZ_JOB_DETAILS', N'U') IS NOT NULL
    DROP TABLE QRTZ_JOB_DETAILS;
IF OBJECT_ID(N'QRTZ_PAUSED_JOB_GRPS', N'U') IS NOT NULL
    DROP TABLE QRTZ_PAUSED_JOB_GRPS;
IF OBJECT_ID(N'QRTZ_CALENDARS', N'U') IS NOT NULL
    DROP TABLE QRTZ_CALENDARS;
IF OBJECT_ID(N'QRTZ_SCHEDULER_STATE', N'U') IS NOT NULL
    DROP TABLE QRTZ_SCHEDULER_STATE;
IF OBJECT_ID(N'QRTZ_LOCKS', N'U') IS NOT NULL
    DROP TABLE QRTZ_LOCKS;
IF OBJECT_ID(N'QRTZ_EXECUTION_HISTORY', N'U') IS NOT NULL
    DROP TABLE QRTZ_EXECUTION_HISTORY;
IF OBJECT_ID(N'QRTZ_MISFIRE_HISTORY', N'U') IS NOT NULL
    DROP TABLE QRTZ_MISFIRE_HISTORY;
IF OBJECT_ID(N'QRTZ_JOB_STATUS', N'U') IS NOT NULL
    DROP TABLE QRTZ_JOB_STATUS;
IF OBJECT_ID(N'JobRuns', N'U') IS NOT NULL
    DROP TABLE JobRuns;
GO

-- 3. The outbox marks a message 'sending' under the id of the attempt that claimed it; only that attempt records
--    the outcome, so a sender that took over after the lease ran out is never overwritten by a late one.
ALTER TABLE OutboxMessages ADD AttemptId nvarchar(32) NULL;
