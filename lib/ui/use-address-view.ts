'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/**
 * A page's view (filters, a range) kept in its address, so a reload keeps it and a link shares
 * it. `fromParams` reads it (dropping anything malformed), `toParams` writes it back; changing it
 * replaces the address rather than adding a history entry per click.
 */
export function useAddressView<T>(fromParams: (params: URLSearchParams) => T, toParams: (view: T) => URLSearchParams) {
  const router = useRouter();
  const pathname = usePathname();
  const view = fromParams(new URLSearchParams(useSearchParams().toString()));
  const show = (next: T) => {
    const query = toParams(next).toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [view, show] as const;
}
