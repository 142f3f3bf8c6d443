'use client';
import { useSyncExternalStore } from 'react';

// Desktop notifications for SLA alerts: asked for once, by a click (browsers ignore requests
// that do not come from one), and shown only while the desk is not in front of the person.

export type NotificationState = NotificationPermission | 'unsupported';

const listeners = new Set<() => void>();
const supported = () => typeof window !== 'undefined' && 'Notification' in window;

function read(): NotificationState {
  return supported() ? Notification.permission : 'unsupported';
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNotificationPermission(): NotificationState {
  return useSyncExternalStore(subscribe, read, () => 'unsupported');
}

export async function requestNotificationPermission(): Promise<NotificationState> {
  if (!supported()) return 'unsupported';
  try {
    await Notification.requestPermission();
  } finally {
    for (const listener of listeners) listener();
  }
  return read();
}

/** A system notification, unless the desk tab has the person's attention (the toast covers that). */
export function notify(input: { title: string; body: string; tag: string; onClick: () => void }): boolean {
  if (read() !== 'granted' || document.hasFocus()) return false;
  try {
    const notification = new Notification(input.title, { body: input.body, tag: input.tag, icon: '/icon.svg' });
    notification.onclick = () => {
      window.focus();
      input.onClick();
      notification.close();
    };
    return true;
  } catch {
    // Some platforms (e.g. Android Chrome) only allow notifications from a service worker.
    return false;
  }
}
