import { t } from '@/lib/i18n';
import type { Capture } from '@/lib/store/capture-schema';
import { hostToAllow } from '@/lib/ui/allow-host';

interface Props {
  capture: Pick<Capture, 'id' | 'status' | 'error'>;
  /** Asks for the host and reads the capture again (lib/ui/allow-host.ts allowHostAndRetry). */
  onAllowHost: (id: string, url: string) => void;
  /** The look beside the page's other buttons ("primary" in the popup, "link" in the batch table). */
  look: 'primary' | 'link';
}

/**
 * "Allow reading images from <host>" on a capture that failed with LOCAL.HOST_ACCESS (issue 11):
 * the same words and the same click in the popup and the batch page. Nothing for other captures.
 */
export function AllowHostButton({ capture, onAllowHost, look }: Props) {
  const allow = hostToAllow(capture);
  if (!allow) return null;
  return (
    <button type="button" class={`allow-host ${look}`} onClick={() => onAllowHost(capture.id, allow.url)}>
      {t('allowImageHost', allow.host)}
    </button>
  );
}
