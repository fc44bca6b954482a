import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

// Client-side routing on the history API. The server answers every non-API path with index.html, so a
// reload or a bookmark of /plugins lands here and is routed by the same code as a click.

const NAVIGATE_EVENT = 'slipway:navigate';

/** Changes the URL without a page load and re-renders every component that uses {@link usePath}. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, '', path);
  } else {
    window.history.pushState(null, '', path);
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The current path (without query and hash); follows navigate(), links and the back/forward buttons. */
export function usePath(): string {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    // The path may have changed between the first render and this effect.
    update();
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return path;
}

/** The query string of the current URL as parameters; follows navigate() like {@link usePath}. */
export function useSearchParams(): URLSearchParams {
  const [search, setSearch] = useState(() => window.location.search);
  useEffect(() => {
    const update = () => setSearch(window.location.search);
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    update();
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return new URLSearchParams(search);
}

export type RouteParams = Record<string, string>;

/**
 * Matches a path against a pattern such as `/plugins` or `/builds/:id`. A trailing slash is ignored;
 * parameters match one non-empty segment and are URI-decoded.
 */
export function matchPath(pattern: string, path: string): RouteParams | undefined {
  const patternSegments = segments(pattern);
  const pathSegments = segments(path);
  if (patternSegments.length !== pathSegments.length) {
    return undefined;
  }
  const params: RouteParams = {};
  for (let i = 0; i < patternSegments.length; i++) {
    const expected = patternSegments[i]!;
    const actual = pathSegments[i]!;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

type LinkProps = Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> & {
  href: string;
  children?: ComponentChildren;
};

/**
 * A real `<a href>` (so it can be opened in a new tab and is announced as a link) that navigates in place on
 * a plain left click. The current page's link gets `aria-current="page"`.
 */
export function Link({ href, children, ...rest }: LinkProps) {
  const path = usePath();
  const current = matchPath(href, path) !== undefined;
  return (
    <a
      {...rest}
      href={href}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        ) {
          return;
        }
        event.preventDefault();
        if (href !== window.location.pathname) {
          navigate(href);
        }
      }}
    >
      {children}
    </a>
  );
}
