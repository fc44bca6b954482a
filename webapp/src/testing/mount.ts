import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

export interface Mounted {
  container: HTMLElement;
  unmount: () => void;
}

const mounted: Mounted[] = [];

/** Renders into a fresh element attached to the document; {@link unmountAll} removes it again. */
export function mount(node: ComponentChild): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  act(() => {
    render(node, container);
  });
  const handle = {
    container,
    unmount: () => {
      act(() => {
        render(null, container);
      });
      container.remove();
    },
  };
  mounted.push(handle);
  return handle;
}

export function unmountAll(): void {
  for (const handle of mounted.splice(0)) {
    handle.unmount();
  }
}

/** The first element matching `selector` inside `root`; fails the test when there is none. */
export function one<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) {
    throw new Error(`No element matches ${selector}`);
  }
  return element;
}

export function texts(root: ParentNode, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '');
}
