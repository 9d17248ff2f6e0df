-- Short searches of contacts' names (one or two characters) read the terms of a name-only trigram index.
--
-- Migration 0025's ContactSearch holds names, phones and e-mails together, and its term table (fts5vocab, instance)
-- can only be read by term: a one-letter query such as "m" read every term starting with "m" in all three columns
-- (217,000 of them at 200,000 contacts, most from e-mail addresses) to keep the few from names, 27 ms twice per
-- keystroke. Phones and e-mails are searched from three characters on, through ContactSearch's MATCH, which stays.
-- This index holds the names only, padded like ContactSearch's (ContactSearchText), so its terms are exactly the
-- names' occurrences.
CREATE VIRTUAL TABLE ContactNameSearch USING fts5(Name, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE ContactNameSearchTerms USING fts5vocab(ContactNameSearch, instance);

INSERT INTO ContactNameSearch (rowid, Name) SELECT Id, Name FROM ContactSearchText;

DROP TRIGGER TR_EnterpriseContacts_Search_Insert;
DROP TRIGGER TR_EnterpriseContacts_Search_Update;
DROP TRIGGER TR_EnterpriseContacts_Search_Delete;

CREATE TRIGGER TR_EnterpriseContacts_Search_Insert AFTER INSERT ON EnterpriseContacts
BEGIN
    INSERT INTO ContactSearch (rowid, Name, Phone, Email) SELECT Id, Name, Phone, Email FROM ContactSearchText WHERE Id = new.Id;
    INSERT INTO ContactNameSearch (rowid, Name) SELECT Id, Name FROM ContactSearchText WHERE Id = new.Id;
END;

CREATE TRIGGER TR_EnterpriseContacts_Search_Update AFTER UPDATE OF Id, Name, Phone, Email ON EnterpriseContacts
BEGIN
    DELETE FROM ContactSearch WHERE rowid = old.Id;
    INSERT INTO ContactSearch (rowid, Name, Phone, Email) SELECT Id, Name, Phone, Email FROM ContactSearchText WHERE Id = new.Id;
    DELETE FROM ContactNameSearch WHERE rowid = old.Id;
    INSERT INTO ContactNameSearch (rowid, Name) SELECT Id, Name FROM ContactSearchText WHERE Id = new.Id;
END;

CREATE TRIGGER TR_EnterpriseContacts_Search_Delete AFTER DELETE ON EnterpriseContacts
BEGIN
    DELETE FROM ContactSearch WHERE rowid = old.Id;
    DELETE FROM ContactNameSearch WHERE rowid = old.Id;
END;
