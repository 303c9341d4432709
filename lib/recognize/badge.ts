import type { Capture } from '../store/capture-schema';

export interface BadgeState {
  text: string;
  color: string;
}

/** Badge: the number of recognitions running, else "!" when the newest capture failed. */
export function badgeState(pending: number, newest: Capture | undefined): BadgeState {
  if (pending > 0) return { text: String(pending), color: '#1a73e8' };
  if (newest?.status === 'failed') return { text: '!', color: '#d93025' };
  return { text: '', color: '#1a73e8' };
}
