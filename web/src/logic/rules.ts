// The rule builder's model: a tree of comparisons, AND/OR groups and NOTs, read from and written
// to the stream-rule language's conditions (route/README.md), the same maps the config file holds.
import { UNMATCHED_STREAM } from '../api';

export type Scalar = string | number | boolean;
export type RuleValue = Scalar | Scalar[];

export interface ComparisonNode {
  kind: 'comparison';
  field: string;
  operator: string;
  /** As written in the rule; undefined for exists and not_exists. */
  value?: RuleValue;
  caseInsensitive: boolean;
}

export interface GroupNode {
  kind: 'group';
  logic: 'AND' | 'OR';
  children: RuleNode[];
}

export interface NotNode {
  kind: 'not';
  child: RuleNode;
}

export type RuleNode = ComparisonNode | GroupNode | NotNode;

/** A condition as the rule language writes it. */
export type Condition =
  | { field: string; operator: string; value?: RuleValue; case_insensitive?: boolean }
  | { logic?: 'AND' | 'OR'; conditions: Condition[] }
  | { not: Condition };

/** A stream's rule as the config file writes it: the top group's logic and its conditions. */
export interface RuleConditions {
  logic?: 'AND' | 'OR';
  conditions: Condition[];
}

/** What an operator's value must be (GET /api/rules/schema). */
export type ValueKind = 'none' | 'scalar' | 'text' | 'regex' | 'list' | 'number';

/** Conditions the builder cannot read, with the path to the bad one (conditions[1].not). */
export class RuleShapeError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function logicOf(v: unknown, path: string): 'AND' | 'OR' {
  if (v === undefined) return 'AND';
  if (typeof v === 'string' && /^(and|or)$/i.test(v)) return v.toUpperCase() as 'AND' | 'OR';
  throw new RuleShapeError(`${path}.logic: ${JSON.stringify(v)} is not AND or OR`);
}

function readGroup(logic: unknown, conditions: unknown, path: string): GroupNode {
  if (!Array.isArray(conditions)) {
    throw new RuleShapeError(`${path}.conditions: expected a list of conditions, got ${JSON.stringify(conditions ?? null)}`);
  }
  return {
    kind: 'group',
    logic: logicOf(logic, path),
    children: conditions.map((c, i) => readNode(c, `${path ? `${path}.` : ''}conditions[${i}]`)),
  };
}

function readNode(c: unknown, path: string): RuleNode {
  if (!isObject(c)) throw new RuleShapeError(`${path}: expected {field, operator, value}, {logic, conditions} or {not: condition}`);
  if ('not' in c) return { kind: 'not', child: readNode(c.not, `${path}.not`) };
  if ('conditions' in c || 'logic' in c) return readGroup(c.logic, c.conditions, path);
  if (typeof c.field !== 'string' || typeof c.operator !== 'string') {
    throw new RuleShapeError(`${path}: a comparison needs a field and an operator`);
  }
  const value = c.value;
  if (value !== undefined && !isScalar(value) && !(Array.isArray(value) && value.every(isScalar))) {
    throw new RuleShapeError(`${path}.value: expected a string, number, boolean or a list of them`);
  }
  return {
    kind: 'comparison',
    field: c.field,
    operator: c.operator,
    value: value as RuleValue | undefined,
    caseInsensitive: c.case_insensitive === true,
  };
}

/** The builder's tree of a rule's logic and conditions. */
export function fromConditions(rule: { logic?: unknown; conditions?: unknown }): GroupNode {
  return readGroup(rule.logic, rule.conditions, '');
}

function writeNode(node: RuleNode): Condition {
  switch (node.kind) {
    case 'not':
      return { not: writeNode(node.child) };
    case 'group':
      return node.logic === 'OR'
        ? { logic: 'OR', conditions: node.children.map(writeNode) }
        : { conditions: node.children.map(writeNode) };
    case 'comparison': {
      const c: { field: string; operator: string; value?: RuleValue; case_insensitive?: boolean } = {
        field: node.field,
        operator: node.operator,
      };
      if (node.value !== undefined) c.value = node.value;
      if (node.caseInsensitive) c.case_insensitive = true;
      return c;
    }
  }
}

/** The rule language's form of the tree: logic (only when OR, AND being the default) and conditions. */
export function toConditions(root: GroupNode): RuleConditions {
  const conditions = root.children.map(writeNode);
  return root.logic === 'OR' ? { logic: 'OR', conditions } : { conditions };
}

/** A value as the builder's text box shows it: a list as comma-separated items. */
export function valueText(value: RuleValue | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

function scalarOf(text: string): Scalar {
  // As YAML reads `value: 200`: a number where the text is one, so that status equals 200 numerically.
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** The value typed in the builder's text box, as the operator takes it. */
export function parseValue(text: string, kind: ValueKind): RuleValue | undefined {
  switch (kind) {
    case 'none':
      return undefined;
    case 'number':
      return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
    case 'scalar':
      return scalarOf(text);
    case 'list':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map(scalarOf);
    default:
      return text;
  }
}

/** A condition to start with: a field, its first operator and no value yet. */
export function emptyComparison(): ComparisonNode {
  return { kind: 'comparison', field: 'url', operator: 'contains', value: '', caseInsensitive: false };
}

/** Stream names as the rules engine allows them (StreamNames): [a-z0-9_.-]{1,64}, not the reserved two. */
export function streamNameProblem(name: string): string | null {
  if (name === '') return 'a stream needs a name';
  if (!/^[a-z0-9_.-]{1,64}$/.test(name)) return `"${name}" is not a stream name: use 1 to 64 of a-z 0-9 _ . -`;
  if (name === UNMATCHED_STREAM) return `"${UNMATCHED_STREAM}" is reserved for the events that match no stream`;
  if (name === '_unreadable') return '"_unreadable" is reserved for the stored events that cannot be read back';
  return null;
}
