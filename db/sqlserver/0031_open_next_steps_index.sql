-- The open next steps of a project, by due date, in one filtered index: the notifications count and /projects/mine
-- count a reader's due steps by probing each of their projects (see the SQLite script of the same name).
CREATE INDEX IX_Activities_OpenByProject ON Activities (ProjectId, NextStepDueOn)
WHERE NextStepDoneAtUtc IS NULL AND NextStepDueOn IS NOT NULL;
