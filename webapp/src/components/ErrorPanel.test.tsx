import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { mount, one, texts, unmountAll } from '../testing/mount';
import { ErrorPanel } from './ErrorPanel';

describe('ErrorPanel', () => {
  afterEach(unmountAll);

  it('shows code, status, message and details as an alert', () => {
    const error = new ApiError(404, 'NOT_FOUND', "Plugin 'x' does not exist", ['known: a, b']);

    const { container } = mount(<ErrorPanel title="Could not stop x" error={error} />);

    const panel = one(container, '[role=alert]');
    expect(one(panel, '.error-panel__title').textContent).toBe('Could not stop x');
    expect(one(panel, '[data-testid=error-code]').textContent).toBe('NOT_FOUND · HTTP 404');
    expect(one(panel, '[data-testid=error-message]').textContent).toBe("Plugin 'x' does not exist");
    expect(texts(panel, '[data-testid=error-details] li')).toEqual(['known: a, b']);
    expect(panel.querySelector('button')).toBeNull();
  });

  it('does not repeat the status when the code already is the status', () => {
    const error = new ApiError(502, 'HTTP_502', 'The server answered 502 Bad Gateway');

    const { container } = mount(<ErrorPanel title="Could not load" error={error} />);

    expect(one(container, '[data-testid=error-code]').textContent).toBe('HTTP_502');
    expect(container.querySelector('[data-testid=error-details]')).toBeNull();
  });

  it('offers retry and dismiss as buttons when asked to', () => {
    const retry = vi.fn();
    const dismiss = vi.fn();
    const error = new ApiError(0, 'UNREACHABLE', 'Cannot reach the Slipway server');

    const { container } = mount(<ErrorPanel title="Could not load" error={error} onRetry={retry} onDismiss={dismiss} />);
    const [retryButton, dismissButton] = [...container.querySelectorAll('button')];
    retryButton?.click();
    dismissButton?.click();

    expect(texts(container, 'button')).toEqual(['Try again', 'Dismiss']);
    expect(retry).toHaveBeenCalledOnce();
    expect(dismiss).toHaveBeenCalledOnce();
    expect(one(container, '[data-testid=error-code]').textContent).toBe('UNREACHABLE');
  });
});
