DROP INDEX "messages_text_trgm_idx";--> statement-breakpoint
CREATE INDEX "messages_text_trgm_idx" ON "messages" USING gin ("text" gin_trgm_ops) WHERE "messages"."sender" <> 'bot';