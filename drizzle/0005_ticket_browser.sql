ALTER TABLE "tickets" ADD COLUMN "first_assigned_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contacts_name_trgm_idx" ON "contacts" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "contacts_phone_trgm_idx" ON "contacts" USING gin ("phone" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "messages_text_trgm_idx" ON "messages" USING gin ("text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tickets_created_id_idx" ON "tickets" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_agent_created_idx" ON "tickets" USING btree ("assigned_agent_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_channel_created_idx" ON "tickets" USING btree ("channel_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tickets_contact_idx" ON "tickets" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "tickets_resolved_at_idx" ON "tickets" USING btree ("resolved_at") WHERE "tickets"."resolved_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_resolved_by_idx" ON "tickets" USING btree ("resolved_by","resolved_at") WHERE "tickets"."resolved_by" is not null;