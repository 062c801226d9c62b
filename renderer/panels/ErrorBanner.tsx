import { actions } from '../store';
import { useApp, useAppStore } from '../context/store';

/** Each problem names its file and what is wrong; dismissing it leaves the app as it was. */
export function ErrorBanner() {
  const store = useAppStore();
  const errors = useApp((s) => s.errors);
  if (!errors.length) return null;
  return (
    <div className="messages">
      {errors.length > 0 && (
        <div className="error-banner" data-testid="error-banner" role="alert">
          {errors.map((e) => (
            <div key={e.id} className="error-item" data-testid="error-item">
              <span className="error-subject">{e.subject}</span>
              <span className="error-text">{e.message.startsWith(`${e.subject}: `) ? e.message.slice(e.subject.length + 2) : e.message}</span>
              <button aria-label="Dismiss" data-testid="error-dismiss" onClick={() => actions.dismissError(store, e.id)}>
                ✕
              </button>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
