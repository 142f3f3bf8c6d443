'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Toaster } from 'sonner';
import { TooltipProvider } from '@/components/ui/tooltip';
import { isApiError } from '@/lib/ui/api';

function makeClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Lists are kept fresh by socket pushes and a refetch after each unrecovered reconnect.
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // A 4xx will not get better by asking again.
        retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  return (
    <QueryClientProvider client={client}>
      <TooltipProvider>
        {children}
        <Toaster position="bottom-right" closeButton richColors={false} toastOptions={{ className: 'text-sm' }} />
      </TooltipProvider>
    </QueryClientProvider>
  );
}
