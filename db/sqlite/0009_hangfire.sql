-- Background jobs moved from Quartz.NET to Hangfire (Infrastructure/Jobs). Hangfire keeps its own storage: on SQLite
-- a file of its own beside this database (its table names would clash with an application's), on SQL Server the
-- schema 'hangfire' that Hangfire creates at start-up. So this script only removes what Quartz left here:
-- 1. the QRTZ_ tables of 0005 (their triggers and indexes go with them), children before their parents;
-- 2. JobRuns, the Quartz-era run history: the Hangfire Dashboard (/admin/jobs) shows every job's states now.
-- A database migrated by the previous version loses its Quartz schedules and history; the recurring jobs are
-- declared again by the app at start-up. Documents and DocumentRequests stay: they are the jobs' effects.
DROP TABLE IF EXISTS QRTZ_SIMPLE_TRIGGERS;
DROP TABLE IF EXISTS QRTZ_CRON_TRIGGERS;
DROP TABLE IF EXISTS QRTZ_SIMPROP_TRIGGERS;
DROP TABLE IF EXISTS QRTZ_BLOB_TRIGGERS;
DROP TABLE IF EXISTS QRTZ_FIRED_TRIGGERS;
DROP TABLE IF EXISTS QRTZ_PAUSED_TRIGGER_GRPS;
DROP TABLE IF EXISTS QRTZ_TRIGGERS;
DROP TABLE IF EXISTS QRTZ_JOB_DETAILS;
DROP TABLE IF EXISTS QRTZ_PAUSED_JOB_GRPS;
DROP TABLE IF EXISTS QRTZ_CALENDARS;
DROP TABLE IF EXISTS QRTZ_SCHEDULER_STATE;
DROP TABLE IF EXISTS QRTZ_LOCKS;
DROP TABLE IF EXISTS QRTZ_EXECUTION_HISTORY;
DROP TABLE IF EXISTS QRTZ_MISFIRE_HISTORY;
DROP TABLE IF EXISTS QRTZ_JOB_STATUS;
DROP TABLE IF EXISTS JobRuns;

-- 3. The outbox marks a message 'sending' under the id of the attempt that claimed it; only that attempt records
--    the outcome, so a sender that took over after the lease ran out is never overwritten by a late one.
ALTER TABLE OutboxMessages ADD COLUMN AttemptId TEXT NULL;
