-- The open next steps of a project, by due date, in one index: the notifications count (every page after a write to
-- any table it reads) and /projects/mine count a reader's due steps by probing each of their projects. The older
-- indexes lead with the due date (IX_Activities_Open) or hold done steps too (IX_Activities_ProjectNextStep), so each
-- probe read every step's row to test NextStepDoneAtUtc: 8 ms for 1,149 due steps of 2,472 projects, 0.6 ms with
-- this one (README, bench/notifications-benchmark.sh).
CREATE INDEX IX_Activities_OpenByProject ON Activities (ProjectId, NextStepDueOn)
WHERE NextStepDoneAtUtc IS NULL AND NextStepDueOn IS NOT NULL;
