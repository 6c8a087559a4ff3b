-- Retention: the patient's class sets the keep period; a hold or an unsent exam is never purged.
ALTER TABLE exam ADD COLUMN patient_class VARCHAR(16) NOT NULL DEFAULT 'outpatient';
ALTER TABLE exam ADD COLUMN on_hold BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE exam ADD COLUMN sent BOOLEAN NOT NULL DEFAULT FALSE;
-- Scheduled series form the exam's scan queue, in this order; it survives restarts.
ALTER TABLE series ADD COLUMN queue_position INT;
CREATE INDEX series_status ON series (status);
