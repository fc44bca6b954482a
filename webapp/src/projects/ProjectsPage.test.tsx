import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { FakeSlipwayServer } from '../testing/FakeSlipwayServer';
import { mount, one, texts, unmountAll } from '../testing/mount';
import { failedBuild, sampleProject } from '../testing/samples';
import { ProjectsPage } from './ProjectsPage';

describe('ProjectsPage', () => {
  afterEach(unmountAll);

  it('lists projects with source, executor and their latest build', async () => {
    const server = new FakeSlipwayServer();
    server.projects = [
      sampleProject('web'),
      sampleProject('api', { description: null, source: { type: 'none' }, environment: { executor: 'big' } }),
    ];
    server.builds = [failedBuild()];
    const { container } = mount(<ProjectsPage api={server.client()} />);

    await vi.waitFor(() => expect(texts(container, '[data-testid=project-link]')).toEqual(['web', 'api']));
    const web = one(container, '[data-testid=project-row][data-project=web]');
    expect(one(web, '[data-testid=project-link]').getAttribute('href')).toBe('/projects/web');
    expect(texts(web, 'td')).toEqual(expect.arrayContaining(['Front end', 'directory', 'local']));
    await vi.waitFor(() => expect(one(web, '[data-testid=latest-build-status]').textContent).toBe('FAILED'));
    expect(one(web, '[data-testid=project-latest-build] a').getAttribute('href')).toBe(`/builds/${failedBuild().id}`);
    const api = one(container, '[data-testid=project-row][data-project=api]');
    await vi.waitFor(() => expect(one(api, '[data-testid=project-latest-build]').textContent).toBe('never built'));
    expect(texts(api, 'code')).toEqual(['none', 'big']);
  });

  it('loads more projects with the cursor', async () => {
    const server = new FakeSlipwayServer();
    server.projects = ['a1', 'b2', 'c3'].map((name) => sampleProject(name));
    const { container } = mount(<ProjectsPage api={server.client()} pageSize={2} />);
    await vi.waitFor(() => expect(texts(container, '[data-testid=project-link]')).toEqual(['a1', 'b2']));
    expect(one(container, '[data-testid=projects-summary]').textContent).toBe('2+ projects');

    act(() => one<HTMLButtonElement>(container, '[data-testid=projects-more]').click());

    await vi.waitFor(() => expect(texts(container, '[data-testid=project-link]')).toEqual(['a1', 'b2', 'c3']));
    expect(server.requests).toContain('GET /api/v1/projects?limit=2&cursor=2');
    expect(container.querySelector('[data-testid=projects-more]')).toBeNull();
  });

  it('says when there is no project', async () => {
    const { container } = mount(<ProjectsPage api={new FakeSlipwayServer().client()} />);

    await vi.waitFor(() => one(container, '[data-testid=projects-empty]'));
  });
});
