-- Indexes for the enterprise list (/enterprises): every sort column and the kind filter combined with the usual
-- sorts, so that a page of 25 out of 100,000 enterprises is read from an index instead of sorting the table.

CREATE INDEX IX_Enterprises_Kind_AnnualRevenue ON Enterprises (Kind, AnnualRevenueWan);
CREATE INDEX IX_Enterprises_RegisteredCapital ON Enterprises (RegisteredCapitalWan);
CREATE INDEX IX_Enterprises_Employees ON Enterprises (Employees);
CREATE INDEX IX_Enterprises_UpdatedAtUtc ON Enterprises (UpdatedAtUtc);
CREATE INDEX IX_Enterprises_Kind_UpdatedAtUtc ON Enterprises (Kind, UpdatedAtUtc);
CREATE INDEX IX_Enterprises_City ON Enterprises (City);
CREATE INDEX IX_EnterpriseContacts_EnterpriseId_SortOrder ON EnterpriseContacts (EnterpriseId, SortOrder, Id);
