import { useMemo, useState } from 'preact/hooks';
import { TREE_CAPS, childPath, childrenOf, initiallyOpen, isContainer, summary, type Json } from '../../logic/jsonTree';

interface NodeProps {
  name: string | null;
  value: Json;
  path: string;
  open: Set<string>;
  toggle(path: string): void;
}

function Node(props: NodeProps) {
  const { name, value, path, open } = props;
  const [limit, setLimit] = useState(TREE_CAPS.children);
  const label = name === null ? null : <span class="jt-key">{name}: </span>;
  if (!isContainer(value)) {
    return (
      <li class="jt-row">
        {label}
        <span class={`jt-value jt-${value === null ? 'null' : typeof value}`}>{summary(value)}</span>
      </li>
    );
  }
  const isOpen = open.has(path);
  const { entries, more } = isOpen ? childrenOf(value, limit) : { entries: [], more: 0 };
  return (
    <li class="jt-row" data-path={path}>
      <button type="button" class="jt-toggle" aria-expanded={isOpen} onClick={() => props.toggle(path)}>
        {isOpen ? '▾' : '▸'}
      </button>
      {label}
      <span class="jt-summary">{summary(value)}</span>
      {isOpen && (
        <ul class="jt-children">
          {entries.map(([key, child]) => (
            <Node key={key} name={key} value={child} path={childPath(path, key)} open={open} toggle={props.toggle} />
          ))}
          {more > 0 && (
            <li class="jt-row">
              <button type="button" class="jt-more" onClick={() => setLimit(limit + TREE_CAPS.children)}>
                {more} more…
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

/** A parsed JSON body as a tree whose containers open and close; only a capped part opens at first. */
export function JsonTree(props: { value: Json; testId?: string }) {
  const first = useMemo(() => initiallyOpen(props.value), [props.value]);
  const [open, setOpen] = useState(first);
  const toggle = (path: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  return (
    <ul class="json-tree" data-testid={props.testId}>
      <Node name={null} value={props.value} path="" open={open} toggle={toggle} />
    </ul>
  );
}
