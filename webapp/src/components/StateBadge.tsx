interface StateBadgeProps {
  state: string;
  testId?: string;
}

/** A plugin (later: build, pipeline) state as a coloured badge; the colour comes from `state-<name>` in CSS. */
export function StateBadge({ state, testId = 'state' }: StateBadgeProps) {
  const modifier = state.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <span class={`badge state state-${modifier}`} data-testid={testId} data-state={state}>
      {state}
    </span>
  );
}
