'use client';
import { useSyncExternalStore } from 'react';

// The SLA alert's sound: a short two-tone beep made with WebAudio (no asset to load), and a
// mute switch that lives in this browser's localStorage so it survives reloads.

const MUTE_KEY = 'loket.alerts.muted';
const listeners = new Set<() => void>();
let context: AudioContext | null = null;

function readMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

export function setMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(MUTE_KEY, '1');
    else localStorage.removeItem(MUTE_KEY);
  } catch {
    // Private mode without storage: the switch then lasts for this page only.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab flipped the switch.
  const onStorage = (event: StorageEvent) => event.key === MUTE_KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useMuted(): boolean {
  return useSyncExternalStore(subscribe, readMuted, () => false);
}

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = typeof window === 'undefined' ? undefined : (window.AudioContext ?? (window as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext);
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/**
 * Browsers only let a page make sound after the person interacted with it: the first click or
 * key on the desk wakes the audio context up, so later alerts can beep.
 */
export function unlockAudioOnGesture(): () => void {
  const wake = () => void audio()?.resume().catch(() => {});
  window.addEventListener('pointerdown', wake, { once: true });
  window.addEventListener('keydown', wake, { once: true });
  return () => {
    window.removeEventListener('pointerdown', wake);
    window.removeEventListener('keydown', wake);
  };
}

/** Two short tones, higher for a breach than for a warning; silent when muted or not allowed. */
export function beep(urgent: boolean): void {
  if (readMuted()) return;
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === 'running') play(ctx, urgent);
  else {
    // Not woken by a click yet: play if the browser lets us now, never as a late burst after the next click.
    const asked = Date.now();
    void ctx.resume().then(
      () => ctx.state === 'running' && Date.now() - asked < 1_000 && play(ctx, urgent),
      () => {},
    );
  }
}

function play(ctx: AudioContext, urgent: boolean): void {
  const start = ctx.currentTime;
  const tones = urgent ? [880, 1175] : [660, 880];
  tones.forEach((frequency, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const at = start + i * 0.18;
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.16);
  });
}
