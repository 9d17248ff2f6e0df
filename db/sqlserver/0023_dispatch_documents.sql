-- The monthly dispatch report (月度调度报告) is a third kind of stored document (its subject: yyyy-MM).
ALTER TABLE DocumentRequests DROP CONSTRAINT CK_DocumentRequests_Kind;
ALTER TABLE DocumentRequests ADD CONSTRAINT CK_DocumentRequests_Kind CHECK (Kind IN (N'brief', N'chain_gap', N'dispatch'));
ALTER TABLE Documents DROP CONSTRAINT CK_Documents_Kind;
ALTER TABLE Documents ADD CONSTRAINT CK_Documents_Kind CHECK (Kind IN (N'brief', N'chain_gap', N'dispatch'));
