import { useEffect, useState } from 'preact/hooks';

/**
 * `value`, handed on only after the browser has painted the render that brought it: for work
 * that may wait a frame (the month at a glance beside the review table), so the table's first
 * screen and each filter's rows are drawn first. `initial` until the first hand-over. A hidden
 * page gets no frames: there it is handed on after 100 ms.
 */
export function useAfterPaint<T>(value: T, initial: T): T {
  const [later, setLater] = useState<T>(initial);
  useEffect(() => {
    let done = false;
    const handOn = () => {
      if (done) return;
      done = true;
      setLater(() => value);
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs before that frame's paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(handOn, 0);
    });
    const fallback = setTimeout(handOn, 100);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [value]);
  return later;
}
