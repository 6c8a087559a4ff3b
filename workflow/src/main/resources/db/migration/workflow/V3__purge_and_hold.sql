-- A hold says why; a purge keeps the exam's rows (and the audit trail) and records when its files went.
ALTER TABLE exam ADD COLUMN hold_reason VARCHAR(1024);
ALTER TABLE exam ADD COLUMN purged TIMESTAMP WITH TIME ZONE;
-- "Sent" is read from the dicom outbox (every image acknowledged by a destination); this flag was never set.
ALTER TABLE exam DROP COLUMN sent;
