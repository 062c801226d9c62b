import { useEffect, useRef, useState } from 'react';
import { actions } from '../store';
import { useApp, useAppStore } from '../context/store';

/** Long enough to read: 6 s plus 60 ms a character, at most 20 s. */
export function noticeMs(message: string): number {
  return Math.min(20_000, 6_000 + 60 * message.length);
}

/**
 * Confirmations and hints ("Scene saved to …") float over the bottom of the panes and go away by
 * themselves (not while the pointer is on them), so they never take room from the views. Errors
 * stay in the banner until dismissed.
 */
export function Notices() {
  const store = useAppStore();
  const notices = useApp((s) => s.notices);
  const [held, setHeld] = useState(false);
  const timers = useRef(new Map<number, number>());

  // The last notice dismissed under the pointer unmounts the box before any mouseleave.
  if (held && !notices.length) setHeld(false);

  useEffect(() => {
    const live = timers.current;
    for (const [id, t] of live) {
      if (held || !notices.some((n) => n.id === id)) {
        clearTimeout(t);
        live.delete(id);
      }
    }
    if (held) return;
    for (const n of notices) {
      if (live.has(n.id)) continue;
      live.set(
        n.id,
        window.setTimeout(() => {
          live.delete(n.id);
          actions.dismissNotice(store, n.id);
        }, noticeMs(n.message)),
      );
    }
  }, [notices, held]);

  useEffect(() => {
    const live = timers.current;
    return () => {
      for (const t of live.values()) clearTimeout(t);
      live.clear();
    };
  }, []);

  if (!notices.length) return null;
  return (
    <div className="notices" data-testid="notices" onMouseEnter={() => setHeld(true)} onMouseLeave={() => setHeld(false)}>
      {notices.map((n) => (
        <div key={n.id} className="notice" role="status">
          <span>{n.message}</span>
          <button aria-label="Dismiss" onClick={() => actions.dismissNotice(store, n.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
