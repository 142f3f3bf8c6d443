-- The first claim of tickets from before first_assigned_at existed: the earliest claim or
-- assignment in their timeline, else the (current) assignment. (Compared as text: all
-- migrations run in one transaction, where enum values added by 0002 cannot be used yet.)
UPDATE "tickets" t SET "first_assigned_at" = coalesce(
  (SELECT min(e."created_at") FROM "ticket_events" e
    WHERE e."ticket_id" = t."id" AND e."type"::text IN ('claimed', 'assigned', 'transferred')),
  t."assigned_at"
)
WHERE t."first_assigned_at" IS NULL;
