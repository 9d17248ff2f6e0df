-- The local enterprises mapped to each chain node and the sum of their annual revenue, kept by triggers in the same
-- transaction as every write to EnterpriseNodes, Enterprises and ChainNodes (see the SQLite script of the same
-- name for why). The revenue is summed as a whole number of 0.01 万元, as on SQLite; decimal(38, 0) rather than
-- bigint because AnnualRevenueWan decimal(18, 2) reaches 10^18 cents, so ten such enterprises on one node would
-- overflow a bigint. Every node has a row (zero without local enterprises).
CREATE TABLE ChainNodeLocalTotals (
    NodeId bigint NOT NULL CONSTRAINT PK_ChainNodeLocalTotals PRIMARY KEY
        CONSTRAINT FK_ChainNodeLocalTotals_ChainNodes REFERENCES ChainNodes (Id) ON DELETE CASCADE,
    LocalCount bigint NOT NULL,
    LocalOutputCents decimal(38, 0) NOT NULL
);

INSERT INTO ChainNodeLocalTotals (NodeId, LocalCount, LocalOutputCents)
SELECT n.Id, COUNT(e.Id), COALESCE(SUM(CAST(ROUND(e.AnnualRevenueWan * 100, 0) AS decimal(38, 0))), 0)
FROM ChainNodes n
LEFT JOIN EnterpriseNodes en ON en.NodeId = n.Id
LEFT JOIN Enterprises e ON e.Id = en.EnterpriseId AND e.Kind = N'local'
GROUP BY n.Id;
GO

-- Triggers run once per statement, set-based over inserted/deleted; NOCOUNT keeps the statement's own row count
-- the only one its caller sees.
CREATE TRIGGER TR_ChainNodes_LocalTotals ON ChainNodes AFTER INSERT AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO ChainNodeLocalTotals (NodeId, LocalCount, LocalOutputCents)
    SELECT Id, 0, 0 FROM inserted;
END
GO

-- A mapping counts while its enterprise exists and is local, at the enterprise's current revenue: added and
-- removed mappings by their difference per node. An enterprise's delete cascades to its mappings and this
-- trigger runs after both are gone, so the enterprise's kind and revenue are unknown here: the nodes of mappings
-- whose enterprise no longer exists are counted again from what is left (after the difference, which they may
-- also have had, so the count wins).
CREATE TRIGGER TR_EnterpriseNodes_LocalTotals ON EnterpriseNodes AFTER INSERT, UPDATE, DELETE AS
BEGIN
    SET NOCOUNT ON;
    UPDATE t
    SET LocalCount = t.LocalCount + c.LocalCount,
        LocalOutputCents = t.LocalOutputCents + c.LocalOutputCents
    FROM ChainNodeLocalTotals t
    JOIN (
        SELECT m.NodeId, SUM(m.Sign) AS LocalCount,
               SUM(m.Sign * COALESCE(CAST(ROUND(e.AnnualRevenueWan * 100, 0) AS decimal(38, 0)), 0)) AS LocalOutputCents
        FROM (
            SELECT NodeId, EnterpriseId, 1 AS Sign FROM inserted
            UNION ALL
            SELECT NodeId, EnterpriseId, -1 AS Sign FROM deleted
        ) m
        JOIN Enterprises e ON e.Id = m.EnterpriseId AND e.Kind = N'local'
        GROUP BY m.NodeId
    ) c ON c.NodeId = t.NodeId;

    UPDATE t
    SET LocalCount = r.LocalCount,
        LocalOutputCents = r.LocalOutputCents
    FROM ChainNodeLocalTotals t
    CROSS APPLY (
        SELECT COUNT(*) AS LocalCount,
               COALESCE(SUM(CAST(ROUND(e.AnnualRevenueWan * 100, 0) AS decimal(38, 0))), 0) AS LocalOutputCents
        FROM EnterpriseNodes en
        JOIN Enterprises e ON e.Id = en.EnterpriseId AND e.Kind = N'local'
        WHERE en.NodeId = t.NodeId
    ) r
    WHERE t.NodeId IN (
        SELECT d.NodeId FROM deleted d
        WHERE NOT EXISTS (SELECT 1 FROM Enterprises e WHERE e.Id = d.EnterpriseId)
    );
END
GO

-- local ↔ prospect, revenue changed, NULL ↔ a value: the difference, on every node the enterprise is mapped to.
-- Deletes need nothing here (see TR_EnterpriseNodes_LocalTotals).
CREATE TRIGGER TR_Enterprises_LocalTotals ON Enterprises AFTER UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF NOT (UPDATE(Kind) OR UPDATE(AnnualRevenueWan))
        RETURN;

    UPDATE t
    SET LocalCount = t.LocalCount + c.LocalCount,
        LocalOutputCents = t.LocalOutputCents + c.LocalOutputCents
    FROM ChainNodeLocalTotals t
    JOIN (
        SELECT en.NodeId, SUM(x.LocalCount) AS LocalCount, SUM(x.LocalOutputCents) AS LocalOutputCents
        FROM (
            SELECT i.Id,
                   CASE WHEN i.Kind = N'local' THEN 1 ELSE 0 END - CASE WHEN d.Kind = N'local' THEN 1 ELSE 0 END AS LocalCount,
                   CASE WHEN i.Kind = N'local' THEN COALESCE(CAST(ROUND(i.AnnualRevenueWan * 100, 0) AS decimal(38, 0)), 0) ELSE 0 END
                   - CASE WHEN d.Kind = N'local' THEN COALESCE(CAST(ROUND(d.AnnualRevenueWan * 100, 0) AS decimal(38, 0)), 0) ELSE 0 END
                   AS LocalOutputCents
            FROM inserted i
            JOIN deleted d ON d.Id = i.Id
        ) x
        JOIN EnterpriseNodes en ON en.EnterpriseId = x.Id
        WHERE x.LocalCount <> 0 OR x.LocalOutputCents <> 0
        GROUP BY en.NodeId
    ) c ON c.NodeId = t.NodeId;
END
GO
