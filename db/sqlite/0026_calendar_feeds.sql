-- The calendar page and each user's private iCalendar feed (issue 14).
--
-- 1. A user's feed: at most one per user. Only the SHA-256 of the secret token (hex) is kept, so a copy of the
--    database gives nobody a working feed URL; regenerating replaces the row, revoking deletes it.
CREATE TABLE CalendarFeeds (
    UserId INTEGER NOT NULL PRIMARY KEY REFERENCES Users (Id) ON DELETE CASCADE,
    TokenHash TEXT NOT NULL,
    CreatedAtUtc TEXT NOT NULL,
    CONSTRAINT UQ_CalendarFeeds_TokenHash UNIQUE (TokenHash)
);

-- 2. The calendar and the feed read the next steps of a set of projects (a user's own, their team's) within a window
--    of dates: from each project to its next steps by due date, instead of every step of the window.
CREATE INDEX IX_Activities_ProjectNextStep ON Activities (ProjectId, NextStepDueOn) WHERE NextStepDueOn IS NOT NULL;
