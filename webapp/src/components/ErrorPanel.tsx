import type { ApiError } from '../api/client';

interface ErrorPanelProps {
  /** What the console was doing, e.g. "Could not load plugins". */
  title: string;
  error: ApiError;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** Shows an API error body ({code, message, details}) as an alert. */
export function ErrorPanel({ title, error, onRetry, onDismiss }: ErrorPanelProps) {
  return (
    <div class="error-panel" role="alert" data-testid="error-panel" data-code={error.code}>
      <div class="error-panel__head">
        <strong class="error-panel__title">{title}</strong>
        <code class="error-panel__code" data-testid="error-code">
          {error.code}
          {error.status > 0 && error.code !== `HTTP_${error.status}` ? ` · HTTP ${error.status}` : ''}
        </code>
      </div>
      <p class="error-panel__message" data-testid="error-message">
        {error.message}
      </p>
      {error.details.length > 0 && (
        <ul class="error-panel__details" data-testid="error-details">
          {error.details.map((detail, index) => (
            <li key={index}>{detail}</li>
          ))}
        </ul>
      )}
      {(onRetry || onDismiss) && (
        <div class="error-panel__actions">
          {onRetry && (
            <button type="button" class="button" onClick={onRetry}>
              Try again
            </button>
          )}
          {onDismiss && (
            <button type="button" class="button button--quiet" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
