import type { ApiError } from '../api/client';
import type { HealthJson } from '../api/types';

export type HealthLevel = 'unknown' | 'up' | 'degraded' | 'down' | 'unreachable';

export interface HealthSummary {
  level: HealthLevel;
  label: string;
  /** One line per fact, shown as the indicator's tooltip and to screen readers. */
  facts: string[];
}

/** Turns the last health answer (or the error that came instead) into what the header shows. */
export function summarizeHealth(health: HealthJson | undefined, error: ApiError | undefined): HealthSummary {
  if (error) {
    // No answer, or a proxy in front of the server saying it got none.
    const unreachable = error.status === 0 || error.status === 502 || error.status === 504;
    return unreachable
      ? { level: 'unreachable', label: 'Unreachable', facts: [error.message] }
      : { level: 'down', label: 'Health check failed', facts: [`${error.code}: ${error.message}`] };
  }
  if (!health) {
    return { level: 'unknown', label: 'Checking…', facts: [] };
  }
  const facts: string[] = [`Server ${health.status}`];
  if (health.database) {
    const product = [health.database.product, health.database.version].filter(Boolean).join(' ');
    facts.push(`Database ${product ? `${product} ` : ''}${health.database.status}`);
  }
  const plugins = health.plugins;
  if (plugins) {
    facts.push(`Plugins: ${plugins.started} of ${plugins.total} started, ${plugins.failed} failed`);
  }
  if (typeof health.uptimeSeconds === 'number') {
    facts.push(`Up ${formatDuration(health.uptimeSeconds)}`);
  }
  if (health.status !== 'UP') {
    return { level: 'down', label: 'Down', facts };
  }
  if (plugins && plugins.failed > 0) {
    const noun = plugins.failed === 1 ? 'plugin' : 'plugins';
    return { level: 'degraded', label: `${plugins.failed} ${noun} failed`, facts };
  }
  return { level: 'up', label: 'Healthy', facts };
}

export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds % 60} s`;
  return `${seconds} s`;
}

interface HealthIndicatorProps {
  health: HealthJson | undefined;
  error: ApiError | undefined;
}

export function HealthIndicator({ health, error }: HealthIndicatorProps) {
  const summary = summarizeHealth(health, error);
  const description = summary.facts.join('\n');
  return (
    <div
      class={`health health--${summary.level}`}
      role="status"
      aria-live="polite"
      data-testid="health"
      data-level={summary.level}
      title={description || undefined}
    >
      <span class="health__dot" aria-hidden="true" />
      <span class="health__label">{summary.label}</span>
      {description && <span class="visually-hidden">{`: ${summary.facts.join('; ')}`}</span>}
    </div>
  );
}
