import type { RuleSchema } from '../../api/streams';
import {
  emptyComparison,
  parseValue,
  valueText,
  type ComparisonNode,
  type GroupNode,
  type RuleNode,
  type ValueKind,
} from '../../logic/rules';

type Field = RuleSchema['fields'][number];

/** The schema's field a name is, or of whose family it is (query.page is of query.<name>). */
function fieldOf(name: string, schema: RuleSchema): Field | undefined {
  return (
    schema.fields.find((f) => f.prefix === null && f.name === name) ??
    schema.fields.find((f) => f.prefix !== null && name.startsWith(f.prefix))
  );
}

function kindOf(operator: string, schema: RuleSchema): ValueKind {
  return schema.operators.find((o) => o.key === operator)?.value ?? 'text';
}

const VALUE_HINTS: Record<ValueKind, string> = {
  none: '',
  scalar: 'text or number',
  text: 'text',
  regex: 'regular expression',
  list: 'a, b, c',
  number: 'number',
};

interface NodeProps<N extends RuleNode> {
  node: N;
  /** Where the node sits, as indices from the top group: "0", "2.1". */
  path: string;
  schema: RuleSchema;
  onChange(node: RuleNode): void;
  onRemove(): void;
  /** Wraps the node in a NOT, or unwraps it when it is in one. */
  onNegate(): void;
  negated: boolean;
}

function NodeButtons(props: { negated: boolean; onNegate(): void; onRemove(): void }) {
  return (
    <>
      <button type="button" class={props.negated ? 'negate on' : 'negate'} aria-pressed={props.negated} onClick={props.onNegate}
        title={props.negated ? 'Take the NOT away' : 'Match the events this does not match'}>
        NOT
      </button>
      <button type="button" class="remove" aria-label="Remove" title="Remove" onClick={props.onRemove}>
        ×
      </button>
    </>
  );
}

function ComparisonEditor(props: NodeProps<ComparisonNode>) {
  const { node, schema } = props;
  const field = fieldOf(node.field, schema);
  const kind = kindOf(node.operator, schema);
  const set = (change: Partial<ComparisonNode>) => props.onChange({ ...node, ...change });
  return (
    <div class="cond" data-testid={`cond-${props.path}`}>
      {props.negated && <span class="not-badge">NOT</span>}
      <select class="field" aria-label="Field" value={field?.name ?? node.field}
        onChange={(e) => {
          const chosen = schema.fields.find((f) => f.name === e.currentTarget.value);
          if (chosen) set({ field: chosen.prefix ?? chosen.name });
        }}>
        {!field && <option value={node.field}>{node.field}</option>}
        {schema.fields.map((f) => (
          <option key={f.name} value={f.name} title={`events: ${f.types.join(', ')}`}>
            {f.name}
          </option>
        ))}
      </select>
      {field?.prefix && (
        <input class="param" aria-label={`${field.name} parameter`} placeholder={field.name.slice(field.prefix.length)}
          value={node.field.slice(field.prefix.length)} onInput={(e) => set({ field: field.prefix + e.currentTarget.value })} />
      )}
      <select class="operator" aria-label="Operator" value={node.operator}
        onChange={(e) => {
          const operator = e.currentTarget.value;
          const next = kindOf(operator, schema);
          set({ operator, value: next === 'none' ? undefined : parseValue(valueText(node.value), next) });
        }}>
        {schema.operators.map((o) => (
          <option key={o.key} value={o.key}>
            {o.key}
          </option>
        ))}
      </select>
      {kind !== 'none' && (
        <input class="value" aria-label="Value" placeholder={VALUE_HINTS[kind]} value={valueText(node.value)}
          onInput={(e) => set({ value: parseValue(e.currentTarget.value, kind) })} />
      )}
      {kind !== 'none' && kind !== 'number' && (
        <label class="ci" title="Compare text in any case">
          <input type="checkbox" checked={node.caseInsensitive} onChange={(e) => set({ caseInsensitive: e.currentTarget.checked })} />
          any case
        </label>
      )}
      <NodeButtons negated={props.negated} onNegate={props.onNegate} onRemove={props.onRemove} />
    </div>
  );
}

function NodeEditor(props: NodeProps<RuleNode>) {
  const { node } = props;
  if (node.kind === 'not') {
    return (
      <NodeEditor {...props} node={node.child} negated
        onChange={(child) => props.onChange({ kind: 'not', child })} onNegate={() => props.onChange(node.child)} />
    );
  }
  const negate = props.negated ? props.onNegate : () => props.onChange({ kind: 'not', child: node });
  if (node.kind === 'group') return <GroupEditor {...props} node={node} onNegate={negate} />;
  return <ComparisonEditor {...props} node={node} onNegate={negate} />;
}

function GroupEditor(props: NodeProps<GroupNode> & { top?: boolean }) {
  const { node } = props;
  const setChildren = (children: RuleNode[]) => props.onChange({ ...node, children });
  return (
    <div class={props.top ? 'group root' : 'group'} data-testid={`group-${props.path || 'top'}`}>
      <div class="group-bar">
        {props.negated && <span class="not-badge">NOT</span>}
        <select class="logic" aria-label="How the conditions join" value={node.logic}
          onChange={(e) => props.onChange({ ...node, logic: e.currentTarget.value === 'OR' ? 'OR' : 'AND' })}>
          <option value="AND">all of (AND)</option>
          <option value="OR">any of (OR)</option>
        </select>
        <button type="button" class="add-condition" onClick={() => setChildren([...node.children, emptyComparison()])}>
          + condition
        </button>
        <button type="button" class="add-group"
          onClick={() => setChildren([...node.children, { kind: 'group', logic: 'OR', children: [emptyComparison()] }])}>
          + group
        </button>
        {!props.top && <NodeButtons negated={props.negated} onNegate={props.onNegate} onRemove={props.onRemove} />}
      </div>
      {node.children.length === 0 && <div class="hint">A stream needs at least one condition.</div>}
      {node.children.map((child, i) => {
        const replace = (next: RuleNode | null) =>
          setChildren(next === null ? node.children.filter((_, j) => j !== i) : node.children.map((c, j) => (j === i ? next : c)));
        return (
          <NodeEditor key={i} node={child} path={props.path ? `${props.path}.${i}` : String(i)} schema={props.schema}
            negated={false} onChange={replace} onRemove={() => replace(null)} onNegate={() => replace({ kind: 'not', child })} />
        );
      })}
    </div>
  );
}

/** The visual rule builder: comparisons picked from the rule language's fields and operators, in AND/OR groups, each negatable. */
export function RuleBuilder(props: { root: GroupNode; schema: RuleSchema; onChange(root: GroupNode): void }) {
  return (
    <GroupEditor node={props.root} path="" schema={props.schema} top negated={false}
      onChange={(n) => props.onChange(n as GroupNode)} onRemove={() => undefined} onNegate={() => undefined} />
  );
}
