CREATE TYPE "public"."presence_status" AS ENUM('online', 'away', 'offline');--> statement-breakpoint
ALTER TYPE "public"."ticket_event_type" ADD VALUE 'sla_warning';--> statement-breakpoint
ALTER TYPE "public"."ticket_event_type" ADD VALUE 'sla_breached';--> statement-breakpoint
ALTER TYPE "public"."ticket_event_type" ADD VALUE 'assigned';--> statement-breakpoint
ALTER TYPE "public"."ticket_event_type" ADD VALUE 'out_of_hours';--> statement-breakpoint
CREATE TABLE "priority_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"phrase" text NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "priority_rules_phrase_unique" UNIQUE("phrase")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "queued_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "awaiting_reply_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "last_customer_message_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "out_of_hours_notified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "presence" "presence_status" DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "presence_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "priority_rules" ADD CONSTRAINT "priority_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_waiting_sla_idx" ON "tickets" USING btree ("queued_at") WHERE "tickets"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "tickets_awaiting_reply_idx" ON "tickets" USING btree ("awaiting_reply_since") WHERE "tickets"."status" = 'assigned' and "tickets"."awaiting_reply_since" is not null;