import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { HealthIndicator } from '../components/HealthIndicator';
import { BatchPage } from '../builds/BatchPage';
import { BuildPage } from '../builds/BuildPage';
import { BuildsPage } from '../builds/BuildsPage';
import { PluginsPage } from '../plugins/PluginsPage';
import { ProjectPage } from '../projects/ProjectPage';
import { ProjectsPage } from '../projects/ProjectsPage';
import { Link, matchPath, navigate, usePath, type RouteParams } from './router';
import { useHealth } from './useHealth';

interface PageContext {
  api: ApiClient;
  params: RouteParams;
  refreshHealth: () => void;
}

interface Route {
  path: string;
  title: string | ((params: RouteParams) => string);
  /** Shown in the main navigation when set. */
  nav?: string;
  render: (context: PageContext) => ComponentChildren;
}

const ROUTES: Route[] = [
  {
    path: '/builds',
    title: 'Builds',
    nav: 'Builds',
    render: ({ api }) => <BuildsPage api={api} />,
  },
  {
    path: '/builds/:id',
    title: (params) => `Build ${params['id']}`,
    render: ({ api, params }) => <BuildPage api={api} id={params['id']!} />,
  },
  {
    path: '/build-batches/:id',
    title: (params) => `Batch ${params['id']}`,
    render: ({ api, params }) => <BatchPage api={api} id={params['id']!} />,
  },
  {
    path: '/projects',
    title: 'Projects',
    nav: 'Projects',
    render: ({ api }) => <ProjectsPage api={api} />,
  },
  {
    path: '/projects/:name',
    title: (params) => `Project ${params['name']}`,
    render: ({ api, params }) => <ProjectPage api={api} name={params['name']!} />,
  },
  {
    path: '/plugins',
    title: 'Plugins',
    nav: 'Plugins',
    render: ({ api, refreshHealth }) => <PluginsPage api={api} onPluginsChanged={refreshHealth} />,
  },
];

/** Where "/" leads. */
export const START_PATH = '/builds';

interface AppProps {
  api: ApiClient;
  /** How often the header re-checks the server's health. */
  healthIntervalMs?: number;
}

export function App({ api, healthIntervalMs = 15_000 }: AppProps) {
  const path = usePath();
  const { health, error: healthError, refresh: refreshHealth } = useHealth(api, healthIntervalMs);

  const effectivePath = path === '/' || path === '' ? START_PATH : path;
  const match = findRoute(effectivePath);

  useEffect(() => {
    if (effectivePath !== path) {
      navigate(effectivePath, { replace: true });
    }
  }, [path, effectivePath]);

  useEffect(() => {
    const title = match ? match.route.title : 'Page not found';
    document.title = `${typeof title === 'function' && match ? title(match.params) : title} · Slipway`;
  }, [match?.route, effectivePath]);

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="app-header">
        <div class="app-header__brand">
          <Link href={START_PATH} class="app-header__name">
            Slipway
          </Link>
          {health && (
            <span class="app-header__version" data-testid="server-version" title="Server version">
              {health.version}
            </span>
          )}
        </div>
        <nav class="app-nav" aria-label="Main">
          <ul>
            {ROUTES.filter((route) => route.nav).map((route) => (
              <li key={route.path}>
                <Link href={route.path} class="app-nav__link">
                  {route.nav}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <HealthIndicator health={health} error={healthError} />
      </header>
      <main id="main" class="app-main" tabIndex={-1}>
        {match ? match.route.render({ api, params: match.params, refreshHealth }) : <NotFound path={path} />}
      </main>
    </div>
  );
}

function findRoute(path: string): { route: Route; params: RouteParams } | undefined {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

function NotFound({ path }: { path: string }) {
  return (
    <section class="page" aria-labelledby="not-found-title" data-testid="not-found">
      <h1 id="not-found-title">Page not found</h1>
      <p>
        The console has no page at <code>{path}</code>.
      </p>
      <p>
        <Link href={START_PATH}>Go to Builds</Link>
      </p>
    </section>
  );
}
