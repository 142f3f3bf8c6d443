/** Only same-site paths may follow a sign-in; anything else goes to the queue. */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/queue';
  if (value.startsWith('/sign-in')) return '/queue';
  return value;
}
