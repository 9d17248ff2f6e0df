-- Substring search of enterprises (/enterprises, the enterprise picker): a trigram index over the name key and the
-- main products, so that "台州恒达" or "吊挂" is found without reading 100,000 rows. Contentless (the text stays in
-- Enterprises) with contentless_delete, so the triggers below can delete and replace rows by Id.
-- Each column ends in two spaces: every 1- and 2-character substring then starts some trigram, and a query shorter
-- than a trigram is answered from the index's terms (EnterpriseSearchTerms, a range of terms), not by scanning.
-- Queries are trimmed, so no query ends in a space and the padding never matches by itself.
CREATE VIRTUAL TABLE EnterpriseSearch USING fts5(NameKey, MainProducts, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE EnterpriseSearchTerms USING fts5vocab(EnterpriseSearch, instance);

INSERT INTO EnterpriseSearch (rowid, NameKey, MainProducts)
SELECT Id, NameKey || '  ', COALESCE(MainProducts, '') || '  ' FROM Enterprises;

-- Every write path (form, import, seed-bulk, delete) goes through these, so the index is never behind the table.
CREATE TRIGGER TR_Enterprises_Search_Insert AFTER INSERT ON Enterprises
BEGIN
    INSERT INTO EnterpriseSearch (rowid, NameKey, MainProducts) VALUES (new.Id, new.NameKey || '  ', COALESCE(new.MainProducts, '') || '  ');
END;

CREATE TRIGGER TR_Enterprises_Search_Update AFTER UPDATE OF Id, NameKey, MainProducts ON Enterprises
BEGIN
    DELETE FROM EnterpriseSearch WHERE rowid = old.Id;
    INSERT INTO EnterpriseSearch (rowid, NameKey, MainProducts) VALUES (new.Id, new.NameKey || '  ', COALESCE(new.MainProducts, '') || '  ');
END;

CREATE TRIGGER TR_Enterprises_Search_Delete AFTER DELETE ON Enterprises
BEGIN
    DELETE FROM EnterpriseSearch WHERE rowid = old.Id;
END;
