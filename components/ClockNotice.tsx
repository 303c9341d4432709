import { clockSkewWords } from '@/lib/huawei/clock';
import { t } from '@/lib/i18n';

/** Tells the user their computer's clock is off (the call was signed with the gateway's time). */
export function clockSkewText(offsetMs: number): string {
  const { key, minutes } = clockSkewWords(offsetMs);
  return t(key, minutes);
}

/** `data-clock-offset-minutes`: signed whole minutes, gateway minus this computer (for tools and tests). */
export function ClockNotice({ offsetMs }: { offsetMs: number }) {
  return (
    <p class="clock-notice" role="status" data-clock-offset-minutes={Math.round(offsetMs / 60_000)}>
      {clockSkewText(offsetMs)}
    </p>
  );
}
