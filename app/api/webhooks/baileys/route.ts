import { errorResponse } from '@/lib/http/api-route';
import { handleGatewayWebhook } from '@/lib/gateway/handle-webhook';
import { SIGNATURE_HEADER } from '@/lib/gateway/signature';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// The custom server answers this path itself before Next (server/fast-routes.ts);
// this route serves the same contract wherever Next handles the request.
export async function POST(req: Request) {
  try {
    const answer = await handleGatewayWebhook(getRuntime(), await req.text(), req.headers.get(SIGNATURE_HEADER));
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    return errorResponse(error);
  }
}
