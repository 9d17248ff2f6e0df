-- The local enterprises mapped to each chain node and the sum of their annual revenue (the chain page's figures,
-- the gap model's Yₙ), kept by triggers in the same transaction as every write to EnterpriseNodes, Enterprises and
-- ChainNodes, whatever code runs it (pages, imports, the command line, seeders, cascades). Computing them per read
-- grouped 115,000 local mappings through a temporary B-tree (SQLite has no hash aggregate): 80–120 ms of the first
-- gap analysis after a write on the 500-node BULK chain; reading them is one indexed pass over the chain's nodes.
--
-- The revenue is summed as a whole number of 0.01 万元 (LocalOutputCents): SQLite keeps AnnualRevenueWan NUMERIC
-- as REAL, and a sum of floats that is added to and subtracted from for years drifts (0.1 + 0.2 - 0.1 ≠ 0.2). The
-- app accepts at most two decimals (the enterprise form's step 0.01, ImportFields.MaxDecimals, decimal(18, 2) on
-- SQL Server), so rounding each revenue to a cent is exact; a REAL holds every such value exactly to the cent up to
-- 2^53 cents (9 × 10^13 万元), and a node's 64-bit sum would need a thousand of those to overflow. NULL revenue counts as 0, as
-- COALESCE(SUM(...), 0) did. Every node has a row (zero without local enterprises): the ChainNodes trigger adds
-- it, the foreign key removes it with the node.
CREATE TABLE ChainNodeLocalTotals (
    NodeId INTEGER NOT NULL PRIMARY KEY REFERENCES ChainNodes (Id) ON DELETE CASCADE,
    LocalCount INTEGER NOT NULL DEFAULT 0,
    LocalOutputCents INTEGER NOT NULL DEFAULT 0
);

-- Node by node, each node's mappings from IX_EnterpriseNodes_NodeId and each enterprise by its key: grouped in the
-- loop's own order, no temporary B-tree.
INSERT INTO ChainNodeLocalTotals (NodeId, LocalCount, LocalOutputCents)
SELECT n.Id, COUNT(e.Id), COALESCE(SUM(CAST(ROUND(e.AnnualRevenueWan * 100) AS INTEGER)), 0)
FROM ChainNodes n
LEFT JOIN EnterpriseNodes en ON en.NodeId = n.Id
LEFT JOIN Enterprises e ON e.Id = en.EnterpriseId AND e.Kind = 'local'
GROUP BY n.Id;

CREATE TRIGGER TR_ChainNodes_LocalTotals_Insert AFTER INSERT ON ChainNodes
BEGIN
    INSERT INTO ChainNodeLocalTotals (NodeId, LocalCount, LocalOutputCents) VALUES (new.Id, 0, 0);
END;

-- A mapping counts while its enterprise exists and is local, at the enterprise's current revenue.
CREATE TRIGGER TR_EnterpriseNodes_LocalTotals_Insert AFTER INSERT ON EnterpriseNodes
WHEN (SELECT Kind FROM Enterprises WHERE Id = new.EnterpriseId) = 'local'
BEGIN
    UPDATE ChainNodeLocalTotals
    SET LocalCount = LocalCount + 1,
        LocalOutputCents = LocalOutputCents
            + (SELECT COALESCE(CAST(ROUND(AnnualRevenueWan * 100) AS INTEGER), 0) FROM Enterprises WHERE Id = new.EnterpriseId)
    WHERE NodeId = new.NodeId;
END;

-- When an enterprise is deleted, ON DELETE CASCADE removes its mappings after the enterprise row is gone (SQLite
-- fires this trigger for them, finding no enterprise): TR_Enterprises_LocalTotals_Delete has subtracted them
-- already, so nothing is subtracted twice.
CREATE TRIGGER TR_EnterpriseNodes_LocalTotals_Delete AFTER DELETE ON EnterpriseNodes
WHEN (SELECT Kind FROM Enterprises WHERE Id = old.EnterpriseId) = 'local'
BEGIN
    UPDATE ChainNodeLocalTotals
    SET LocalCount = LocalCount - 1,
        LocalOutputCents = LocalOutputCents
            - (SELECT COALESCE(CAST(ROUND(AnnualRevenueWan * 100) AS INTEGER), 0) FROM Enterprises WHERE Id = old.EnterpriseId)
    WHERE NodeId = old.NodeId;
END;

CREATE TRIGGER TR_EnterpriseNodes_LocalTotals_Update AFTER UPDATE OF EnterpriseId, NodeId ON EnterpriseNodes
BEGIN
    UPDATE ChainNodeLocalTotals
    SET LocalCount = LocalCount - 1,
        LocalOutputCents = LocalOutputCents - (SELECT COALESCE(CAST(ROUND(e.AnnualRevenueWan * 100) AS INTEGER), 0) FROM Enterprises e WHERE e.Id = old.EnterpriseId)
    WHERE NodeId = old.NodeId AND EXISTS (SELECT 1 FROM Enterprises e WHERE e.Id = old.EnterpriseId AND e.Kind = 'local');
    UPDATE ChainNodeLocalTotals
    SET LocalCount = LocalCount + 1,
        LocalOutputCents = LocalOutputCents + (SELECT COALESCE(CAST(ROUND(e.AnnualRevenueWan * 100) AS INTEGER), 0) FROM Enterprises e WHERE e.Id = new.EnterpriseId)
    WHERE NodeId = new.NodeId AND EXISTS (SELECT 1 FROM Enterprises e WHERE e.Id = new.EnterpriseId AND e.Kind = 'local');
END;

-- local ↔ prospect, revenue changed, NULL ↔ a value: the difference, on every node the enterprise is mapped to.
CREATE TRIGGER TR_Enterprises_LocalTotals_Update AFTER UPDATE OF Kind, AnnualRevenueWan ON Enterprises
WHEN (old.Kind = 'local' OR new.Kind = 'local')
    AND (old.Kind IS NOT new.Kind OR old.AnnualRevenueWan IS NOT new.AnnualRevenueWan)
BEGIN
    UPDATE ChainNodeLocalTotals
    SET LocalCount = LocalCount + (new.Kind = 'local') - (old.Kind = 'local'),
        LocalOutputCents = LocalOutputCents
            + CASE WHEN new.Kind = 'local' THEN COALESCE(CAST(ROUND(new.AnnualRevenueWan * 100) AS INTEGER), 0) ELSE 0 END
            - CASE WHEN old.Kind = 'local' THEN COALESCE(CAST(ROUND(old.AnnualRevenueWan * 100) AS INTEGER), 0) ELSE 0 END
    WHERE NodeId IN (SELECT NodeId FROM EnterpriseNodes WHERE EnterpriseId = new.Id);
END;

-- BEFORE, while the mappings are still there (the cascade deletes them with the enterprise row already gone).
-- Mappings deleted first by the app have been subtracted by their own trigger and are not found here.
CREATE TRIGGER TR_Enterprises_LocalTotals_Delete BEFORE DELETE ON Enterprises
WHEN old.Kind = 'local'
BEGIN
    UPDATE ChainNodeLocalTotals
    SET LocalCount = LocalCount - 1,
        LocalOutputCents = LocalOutputCents - COALESCE(CAST(ROUND(old.AnnualRevenueWan * 100) AS INTEGER), 0)
    WHERE NodeId IN (SELECT NodeId FROM EnterpriseNodes WHERE EnterpriseId = old.Id);
END;
