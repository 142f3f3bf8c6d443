-- Tickets from before this migration entered the queue when they were created.
UPDATE "tickets" SET "queued_at" = "created_at";
--> statement-breakpoint
-- The words customers use when it is urgent, in Indonesian and English. Admins edit these
-- in the app; deleting them all is respected (this runs once).
INSERT INTO "priority_rules" ("phrase", "priority") VALUES
  ('urgent', 'urgent'),
  ('gawat', 'urgent'),
  ('darurat', 'urgent'),
  ('asap', 'urgent'),
  ('emergency', 'urgent'),
  ('segera', 'high'),
  ('tolong', 'high'),
  ('penting', 'high'),
  ('help', 'high'),
  ('komplain', 'high'),
  ('complaint', 'high')
ON CONFLICT ("phrase") DO NOTHING;
