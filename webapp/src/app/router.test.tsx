import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { mount, one, unmountAll } from '../testing/mount';
import { Link, matchPath, navigate, usePath } from './router';

describe('matchPath', () => {
  it('matches literal paths, ignoring a trailing slash', () => {
    expect(matchPath('/plugins', '/plugins')).toEqual({});
    expect(matchPath('/plugins', '/plugins/')).toEqual({});
    expect(matchPath('/plugins', '/plugin')).toBeUndefined();
    expect(matchPath('/plugins', '/plugins/x')).toBeUndefined();
  });

  it('captures and decodes parameters', () => {
    expect(matchPath('/builds/:id', '/builds/web%3A42')).toEqual({ id: 'web:42' });
    expect(matchPath('/builds/:id', '/builds')).toBeUndefined();
  });

  it('does not match a parameter that is not valid URI encoding', () => {
    expect(matchPath('/builds/:id', '/builds/%E0%A4%A')).toBeUndefined();
  });
});

function ShowPath() {
  const path = usePath();
  return (
    <div>
      <span data-testid="path">{path}</span>
      <Link href="/plugins">Plugins</Link>
      <Link href="/builds">Builds</Link>
    </div>
  );
}

describe('Link and usePath', () => {
  afterEach(() => {
    unmountAll();
    window.history.replaceState(null, '', '/');
  });

  it('navigates with the history API on a plain click and marks the current link', async () => {
    window.history.replaceState(null, '', '/builds');
    const { container } = mount(<ShowPath />);
    const plugins = one<HTMLAnchorElement>(container, 'a[href="/plugins"]');
    expect(plugins.getAttribute('aria-current')).toBeNull();

    act(() => {
      plugins.click();
    });

    expect(window.location.pathname).toBe('/plugins');
    expect(one(container, '[data-testid=path]').textContent).toBe('/plugins');
    expect(plugins.getAttribute('aria-current')).toBe('page');
    expect(one(container, 'a[href="/builds"]').getAttribute('aria-current')).toBeNull();
  });

  it('leaves a modified click to the browser', () => {
    window.history.replaceState(null, '', '/builds');
    const { container } = mount(<ShowPath />);
    const link = one<HTMLAnchorElement>(container, 'a[href="/plugins"]');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true });
    let preventedByLink: boolean | undefined;
    container.addEventListener('click', (bubbled) => {
      preventedByLink = bubbled.defaultPrevented;
      // jsdom cannot open a new tab; stop it from trying once the link has had its say.
      bubbled.preventDefault();
    });

    act(() => {
      link.dispatchEvent(event);
    });

    expect(preventedByLink).toBe(false);
    expect(one(container, '[data-testid=path]').textContent).toBe('/builds');
  });

  it('follows navigate() and the back button', () => {
    window.history.replaceState(null, '', '/plugins');
    const { container } = mount(<ShowPath />);

    act(() => navigate('/builds'));
    expect(one(container, '[data-testid=path]').textContent).toBe('/builds');

    act(() => {
      window.history.replaceState(null, '', '/plugins');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(one(container, '[data-testid=path]').textContent).toBe('/plugins');
  });
});
